#include "app/files/selectionexport.h"

#include "app/mainwindow/captureview.h"

#include "inspector/capturesamples.h"
#include "inspector/framecapturemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector::samples;
using app::SelectionExport;
using Part = app::SelectionExport::Part;
using Kind = inspector::ByteExportFormat::Kind;

Q_DECLARE_METATYPE(wslab::app::SelectionExport::Part)

// The selected row's bytes, copied and exported: the frame as on the wire, the unmasked payload,
// the whole message across its fragments.
class tst_SelectionExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytesOfEachPart_data();
    void bytesOfEachPart();
    void copyPutsTheFormattedBytesOnTheClipboard();
    void exportWritesTheFile();
    void menusNeedASelection();

private:
    static capture::CaptureBatch sample();
};

capture::CaptureBatch tst_SelectionExport::sample()
{
    // RFC 6455 §5.7: a masked "Hello", then "Hello" in two unmasked fragments, then an HTTP answer.
    return {frameRecord(1, maskedHelloWire()), frameRecord(2, firstFragmentWire(), 1, Direction::Outbound),
            frameRecord(3, lastFragmentWire(), 1, Direction::Outbound),
            httpRecord(4, RecordKind::HttpResponse, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 2, 200)};
}

void tst_SelectionExport::bytesOfEachPart_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<Part>("part");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("masked frame as on the wire") << 0 << Part::Frame << maskedHelloWire();
    QTest::addRow("masked frame's payload, unmasked") << 0 << Part::Payload << QByteArray("Hello");
    QTest::addRow("single frame's message") << 0 << Part::Message << QByteArray("Hello");
    QTest::addRow("first fragment") << 1 << Part::Frame << firstFragmentWire();
    QTest::addRow("first fragment's payload") << 1 << Part::Payload << QByteArray("Hel");
    QTest::addRow("message from the first fragment") << 1 << Part::Message << QByteArray("Hello");
    QTest::addRow("message from the last fragment") << 2 << Part::Message << QByteArray("Hello");
    QTest::addRow("http response") << 3 << Part::Frame
                                   << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    QTest::addRow("http body") << 3 << Part::Payload << QByteArray("ok");
}

void tst_SelectionExport::bytesOfEachPart()
{
    QFETCH(int, row);
    QFETCH(Part, part);
    QFETCH(QByteArray, expected);
    inspector::FrameCaptureModel model;
    model.appendBatch(sample());
    QCOMPARE(SelectionExport::bytesOf(model, row, part), expected);
}

void tst_SelectionExport::copyPutsTheFormattedBytesOnTheClipboard()
{
    app::CaptureView view;
    SelectionExport selection(&view, &view);
    view.appendBatch(sample());
    view.selectFirst();
    selection.copy(Part::Frame, Kind::HexStream);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(maskedHelloWire().toHex()));
    selection.copy(Part::Payload, Kind::Base64);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("SGVsbG8=\n"));
    selection.copy(Part::Payload, Kind::Raw);
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")),
             QByteArray("Hello"));
}

void tst_SelectionExport::exportWritesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("frame.c"));
    app::CaptureView view;
    SelectionExport selection(&view, &view);
    selection.setFileDialog(app::FileDialog({}, [&](QWidget *, const QString &, const QString &, const QString &) {
        return path;
    }));
    view.appendBatch(sample());
    view.selectRecord(2);
    selection.exportToFile(Part::Message, Kind::CArray);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), inspector::ByteExportFormat::format("Hello", Kind::CArray));
}

void tst_SelectionExport::menusNeedASelection()
{
    app::CaptureView view;
    SelectionExport selection(&view, &view);
    view.appendBatch(sample());
    QVERIFY(!selection.copyMenu()->isEnabled());
    QVERIFY(!selection.exportMenu()->isEnabled());
    view.selectFirst();
    QVERIFY(selection.copyMenu()->isEnabled());
    QVERIFY(selection.exportMenu()->isEnabled());
    // Three parts, each in every format.
    QCOMPARE(selection.copyMenu()->actions().size(), SelectionExport::partCount);
    for (const QAction *part : selection.copyMenu()->actions())
        QCOMPARE(part->menu()->actions().size(), inspector::ByteExportFormat::kindCount);
}

QTEST_MAIN(tst_SelectionExport)
#include "tst_selectionexport.moc"
