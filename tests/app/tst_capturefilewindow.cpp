#include "app/files/capturefilewindow.h"

#include "app/mainwindow/captureview.h"
#include "app/capturefiles.h"
#include "app/files/capturesaver.h"
#include "capture/capturejsonformatter.h"
#include "capture/packetbuilder.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

using namespace wslab;
using app::CaptureFileWindow;
using capture::CaptureFileReader;

// A capture file in a window of its own: read off the GUI thread into the same views as live
// traffic, every row kept, with Cancel, and errors said in words with the byte they happened at.
class tst_CaptureFileWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsEveryRecordOfTheFile();
    void tableKeepsItsShareOfASmallScreen();
    void rowsReadBackAsTheFileReaderGivesThem();
    void cancelStopsReadingAndKeepsTheRowsRead();
    void rowsStayWholeWhenTheDiskFillsUp();
    void badFileSaysWhatWentWrong_data();
    void badFileSaysWhatWentWrong();
    void decodeAsReadsAConnectionJoinedLate();
    void exportsHarOfTheFile();

private:
    // Waits for the window's read to end; the result.
    static CaptureFileReader::Result waitLoaded(CaptureFileWindow &window, QSignalSpy &spy);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_CaptureFileWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_CaptureFileWindow::cleanup()
{
    m_dir.reset();
}

CaptureFileReader::Result tst_CaptureFileWindow::waitLoaded(CaptureFileWindow &window, QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(30'000))
        return {};
    [&] { QVERIFY(!window.isLoading()); }();
    return spy.first().first().value<CaptureFileReader::Result>();
}

// On a 1366x768 screen the window is 1229x691: the table, the way through the file, keeps two fifths
// of the height (a dozen rows) however tall the views of the selected row would like to be.
void tst_CaptureFileWindow::tableKeepsItsShareOfASmallScreen()
{
    const QString path = m_dir->filePath(QStringLiteral("sample.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, app::testing::sampleConversation(200)));
    CaptureFileWindow window(path);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    window.resize(1229, 691);
    window.show();
    QVERIFY(!waitLoaded(window, loaded).failure);
    auto *table = window.findChild<QTableView *>(QStringLiteral("framesTable"));
    QVERIFY(table);
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    QVERIFY2(table->viewport()->height() >= 10 * rowHeight,
             qPrintable(QStringLiteral("%1 px, rows of %2").arg(table->viewport()->height()).arg(rowHeight)));
}

void tst_CaptureFileWindow::showsEveryRecordOfTheFile()
{
    const auto records = app::testing::sampleConversation(5000);
    const QString path = m_dir->filePath(QStringLiteral("sample.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, records));

    CaptureFileWindow window(path);
    QAbstractItemModelTester tester(window.view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    window.show();
    const auto result = waitLoaded(window, loaded);
    QVERIFY(!result.failure);
    QVERIFY(!result.cancelled);
    QCOMPARE(window.windowTitle(), QStringLiteral("sample.pcapng — WebSocket Lab"));
    QVERIFY(window.errorText().isEmpty());

    // Every record, in order, as it was saved: no eviction for a file.
    const auto *model = window.view()->model();
    QCOMPARE(model->rowCount(), records.size());
    QCOMPARE(model->evictedCount(), quint64(0));
    for (int row = 0; row < records.size(); ++row) {
        QCOMPARE(model->record(row).id, records.at(row).id);
        QCOMPARE(model->record(row).kind, records.at(row).kind);
        QCOMPARE(model->record(row).frame.has_value(), records.at(row).frame.has_value());
        if (records.at(row).frame)
            QCOMPARE(model->record(row).frame->wireBytes(), records.at(row).frame->wireBytes());
    }
    // The first row is selected, and the views show it.
    QVERIFY(window.view()->currentRecord());
    QCOMPARE(window.view()->currentRecord()->id, records.first().id);
}

namespace {

// Each record as `wslab --read --json` prints it: every field the command line knows, payloads
// and messages whole (base64).
QList<QByteArray> jsonLines(const capture::CaptureBatch &records)
{
    capture::CaptureJsonFormatter formatter;
    QList<QByteArray> lines;
    for (const capture::CaptureRecord &record : records)
        lines.append(formatter.format(record));
    return lines;
}

capture::CaptureBatch readFile(const QString &path)
{
    capture::CaptureBatch records;
    const auto result = CaptureFileReader::read(path, {}, [&](capture::CaptureRecord &&r) { records.append(r); });
    return result.failure ? capture::CaptureBatch{} : records;
}

capture::CaptureBatch rowsOf(const inspector::FrameCaptureModel &model)
{
    capture::CaptureBatch records;
    for (int row = 0; row < model.rowCount(); ++row)
        records.append(model.record(row));
    return records;
}

} // namespace

void tst_CaptureFileWindow::rowsReadBackAsTheFileReaderGivesThem()
{
    // The window keeps its records on disk and reads each back when asked (capture::RecordStore):
    // what it reads back is what the file holds, a frame over the live capture's payload cap
    // included, and Save As writes it all again.
    const qsizetype big = inspector::FrameCaptureModel::defaultPayloadCap + 1000;
    const QString path = m_dir->filePath(QStringLiteral("big-frame.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, app::testing::sampleConversation(3000, big)));
    const QList<QByteArray> expected = jsonLines(readFile(path));
    QCOMPARE(expected.size(), 3000 + 8); // TCP open, request, 101, frames, answer, big frame, 2 closes, TCP close

    CaptureFileWindow window(path);
    QAbstractItemModelTester tester(window.view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    const auto result = waitLoaded(window, loaded);
    QVERIFY(!result.failure);
    const auto *model = window.view()->model();
    QVERIFY(model->keepsEveryRecord());
    QCOMPARE(jsonLines(rowsOf(*model)), expected);
    QVERIFY2(model->heldRecordBytes() < 2 * big, qPrintable(QString::number(model->heldRecordBytes())));

    const QString saved = m_dir->filePath(QStringLiteral("saved.pcapng"));
    QVERIFY(app::CaptureSaver::savePcapng(*model, saved, 0).isEmpty());
    QCOMPARE(jsonLines(readFile(saved)), expected);
}

void tst_CaptureFileWindow::cancelStopsReadingAndKeepsTheRowsRead()
{
    // Big enough that the reader, which waits while the window has batches to take, cannot reach
    // the end before the window takes a single one.
    const auto records = app::testing::sampleConversation(200'000);
    const QString path = m_dir->filePath(QStringLiteral("big.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, records));

    CaptureFileWindow window(path);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    QVERIFY(window.isLoading());
    window.cancelLoading();
    const auto result = waitLoaded(window, loaded);
    QVERIFY(result.cancelled);
    QVERIFY(!result.failure);
    const int rows = window.view()->model()->rowCount();
    QVERIFY2(rows < records.size(), qPrintable(QString::number(rows)));
    for (int row = 0; row < rows; ++row)
        QCOMPARE(window.view()->model()->record(row).id, records.at(row).id);
    QVERIFY(window.errorText().isEmpty());
}

void tst_CaptureFileWindow::rowsStayWholeWhenTheDiskFillsUp()
{
    // The temporary files may grow to 256 KiB only, as on a disk that fills up during the read:
    // the reading thread's spill fails part of the way through, the records it could not write
    // go to the table whole, the store keeps the rest in memory, and every row still reads back
    // what the file holds.
    const QString path = m_dir->filePath(QStringLiteral("disk-full.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, app::testing::sampleConversation(20'000, 70'000)));
    const QList<QByteArray> expected = jsonLines(readFile(path));
    QVERIFY(expected.size() > 20'000);
    std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of ending the process
    rlimit unlimited{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &unlimited), 0);
    rlimit limited = unlimited;
    limited.rlim_cur = 256 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    CaptureFileWindow window(path);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    const auto result = waitLoaded(window, loaded);
    setrlimit(RLIMIT_FSIZE, &unlimited);
    QVERIFY(!result.failure);
    QCOMPARE(jsonLines(rowsOf(*window.view()->model())), expected);
}

void tst_CaptureFileWindow::badFileSaysWhatWentWrong_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("rowsBeforeTheError");
    QTest::addColumn<QString>("expected");
    QTest::addRow("truncated") << "truncate" << true << "at byte";
    QTest::addRow("not a capture file") << "text" << false << "Not a pcap or pcapng capture file";
    QTest::addRow("empty") << "empty" << false << "The file is empty.";
    QTest::addRow("missing") << "missing" << false << "The file cannot be opened";
}

void tst_CaptureFileWindow::badFileSaysWhatWentWrong()
{
    QFETCH(QString, damage);
    QFETCH(bool, rowsBeforeTheError);
    QFETCH(QString, expected);
    const QString path = m_dir->filePath(QStringLiteral("bad.pcapng"));
    const auto records = app::testing::sampleConversation(50);
    QVERIFY(app::testing::writeCaptureFile(path, records));
    QFile file(path);
    if (damage == QLatin1String("truncate")) {
        QVERIFY(file.resize(file.size() * 2 / 3 + 5)); // inside a block, records after it
    } else if (damage == QLatin1String("text")) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("hello, this is not a capture\n");
        file.close();
    } else if (damage == QLatin1String("empty")) {
        QVERIFY(file.resize(0));
    } else {
        QVERIFY(file.remove());
    }

    CaptureFileWindow window(path);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    window.show();
    const auto result = waitLoaded(window, loaded);
    QVERIFY(result.failure);
    QVERIFY2(window.errorText().contains(expected), qPrintable(window.errorText()));
    QCOMPARE(window.view()->model()->rowCount() > 0, rowsBeforeTheError);
    if (rowsBeforeTheError) {
        QVERIFY(window.view()->model()->rowCount() < records.size());
        QVERIFY(window.errorText().contains(QString::number(result.failure->offset)));
    }
}

void tst_CaptureFileWindow::decodeAsReadsAConnectionJoinedLate()
{
    // tcpdump started after the upgrade: two masked "Hello" frames from the client and an answer,
    // no handshake (RFC 6455 §5.7 bytes in raw IPv4 packets, LINKTYPE_RAW).
    using namespace capture::testing;
    const QByteArray hello = QByteArray::fromHex("818537fa213d7f9f4d5158");
    const QByteArray answer = QByteArray::fromHex("810548656c6c6f");
    constexpr quint8 ackPush = 0x18;
    const QList<FilePacket> packets = {
            {1'000'000'000, ipv4Tcp(50000, 9000, 1000, ackPush, hello)},
            {1'000'100'000, ipv4Tcp(50000, 9000, 1000 + quint32(hello.size()), ackPush, hello)},
            {1'000'200'000, ipv4Tcp(9000, 50000, 5000, ackPush, answer)}};
    const QString path = writeFile(*m_dir, QStringLiteral("late.pcap"), pcapFile(101, packets, true, false));
    QVERIFY(!path.isEmpty());

    const auto frameRows = [](const CaptureFileWindow &window) {
        int frames = 0;
        const auto *model = window.view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            frames += model->record(row).kind == capture::RecordKind::Frame ? 1 : 0;
        return frames;
    };
    CaptureFileWindow window(path);
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    waitLoaded(window, loaded);
    QCOMPARE(frameRows(window), 0);

    loaded.clear();
    window.setDecodeAsPorts({9000});
    QVERIFY(window.isLoading());
    waitLoaded(window, loaded);
    QCOMPARE(window.decodeAsPorts(), QSet<quint16>{9000});
    QCOMPARE(frameRows(window), 3);
}

void tst_CaptureFileWindow::exportsHarOfTheFile()
{
    const QString path = m_dir->filePath(QStringLiteral("sample.pcapng"));
    QVERIFY(app::testing::writeCaptureFile(path, app::testing::sampleConversation(3)));
    const QString harPath = m_dir->filePath(QStringLiteral("out.har"));
    CaptureFileWindow window(path);
    window.setFileDialog(app::FileDialog({}, [&](QWidget *, const QString &, const QString &, const QString &) {
        return harPath;
    }));
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    waitLoaded(window, loaded);
    window.exportHar();

    QFile har(harPath);
    QVERIFY(har.open(QIODevice::ReadOnly));
    const QJsonArray entries = QJsonDocument::fromJson(har.readAll()).object()["log"].toObject()["entries"].toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonArray messages = entries.first().toObject()["_webSocketMessages"].toArray();
    int hellos = 0;
    for (const QJsonValue &message : messages)
        hellos += message.toObject()["data"].toString() == QLatin1String("Hello") ? 1 : 0;
    QCOMPARE(hellos, 4); // three from the client, one answer
}

QTEST_MAIN(tst_CaptureFileWindow)
#include "tst_capturefilewindow.moc"
