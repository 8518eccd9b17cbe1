#include "inspector/unmaskingmodel.h"
#include "inspector/unmaskingtable.h"

#include "inspector/capturesamples.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;

class TestUnmaskingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rfcMaskedHelloByteByByte_data();
    void rfcMaskedHelloByteByByte();
    void xorOfWireAndKeyIsTheDecodedByte();
    void unmaskedFrameHasNoRows();
    void largePayloadIsFetchedInChunks();
    void tableShowsAMebibyteWithoutFreezing();
    void tableExplainsUnmaskedFrames();
    void headersAreShortAndExplainedInTooltips();

private:
    void setFrame(const QByteArray &wire);
    UnmaskingModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestUnmaskingModel::init()
{
    m_model = new UnmaskingModel(this);
}

// The tester is attached after the reset: Qt 6.4's tester runs its checks (which call fetchMore)
// from its modelReset handler before it has marked the reset finished, and then reports the
// fetch's rowsInserted as nested in the reset.
void TestUnmaskingModel::setFrame(const QByteArray &wire)
{
    m_model->setFrame(frameFromWire(wire));
    delete m_tester;
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void TestUnmaskingModel::cleanup()
{
    delete m_tester;
    m_tester = nullptr;
    delete m_model;
}

void TestUnmaskingModel::rfcMaskedHelloByteByByte_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("cells"); // i, i mod 4, masked, key, XOR (bits), unmasked (hex), char
    // RFC 6455 §5.7: 37 fa 21 3d 7f 9f 4d 51 58 -> "Hello"
    QTest::addRow("H") << 0 << QStringList{"0", "0", "01111111", "00110111", "01001000", "0x48", "H"};
    QTest::addRow("e") << 1 << QStringList{"1", "1", "10011111", "11111010", "01100101", "0x65", "e"};
    QTest::addRow("l") << 2 << QStringList{"2", "2", "01001101", "00100001", "01101100", "0x6c", "l"};
    QTest::addRow("l again") << 3 << QStringList{"3", "3", "01010001", "00111101", "01101100", "0x6c", "l"};
    QTest::addRow("o, key wraps") << 4 << QStringList{"4", "0", "01011000", "00110111", "01101111", "0x6f", "o"};
}

void TestUnmaskingModel::rfcMaskedHelloByteByByte()
{
    QFETCH(int, row);
    QFETCH(QStringList, cells);
    setFrame(maskedHelloWire());
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(cells.size(), UnmaskingModel::ColumnCount);
    for (int column = 0; column < UnmaskingModel::ColumnCount; ++column)
        QCOMPARE(m_model->index(row, column).data().toString(), cells.at(column));
    // The bits alone fit a narrow pane; the hover names the step in hex.
    const QString tip = m_model->index(row, UnmaskingModel::MaskedColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("payload[%1]").arg(row)), qPrintable(tip));
}

void TestUnmaskingModel::xorOfWireAndKeyIsTheDecodedByte()
{
    setFrame(maskedHelloWire());
    QCOMPARE(m_model->index(0, UnmaskingModel::XorColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("payload[0] = wire[0] XOR key[0 mod 4] = 0x7f XOR 0x37 = 0x48 (RFC 6455 §5.3)"));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const int wire = m_model->index(row, UnmaskingModel::MaskedColumn).data(UnmaskingModel::ByteRole).toInt();
        const int key = m_model->index(row, UnmaskingModel::KeyColumn).data(UnmaskingModel::ByteRole).toInt();
        const int unmasked = m_model->index(row, UnmaskingModel::UnmaskedColumn).data(UnmaskingModel::ByteRole).toInt();
        QCOMPARE(wire ^ key, unmasked);
        const QString xorBits = m_model->index(row, UnmaskingModel::XorColumn).data().toString();
        QCOMPARE(xorBits.toInt(nullptr, 2), unmasked);
        QCOMPARE(m_model->index(row, 0).data(UnmaskingModel::PhaseRole).toInt(), row % 4);
    }
}

void TestUnmaskingModel::unmaskedFrameHasNoRows()
{
    setFrame(unmaskedHelloWire());
    QVERIFY(!m_model->isMasked());
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->canFetchMore({}));
}

void TestUnmaskingModel::largePayloadIsFetchedInChunks()
{
    const QByteArray payload(UnmaskingModel::chunkSize * 3 + 10, 'x');
    m_model->setFrame(frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, payload, true,
                                                                   protocol::MaskKey{9, 8, 7, 6})));
    QCOMPARE(m_model->rowCount(), UnmaskingModel::chunkSize);
    QVERIFY(m_model->canFetchMore({}));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->fetchMore({});
    QCOMPARE(m_model->rowCount(), UnmaskingModel::chunkSize * 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), UnmaskingModel::chunkSize);
    QCOMPARE(inserted.at(0).at(2).toInt(), UnmaskingModel::chunkSize * 2 - 1);

    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    for (int i = 0; i < 10 && m_model->canFetchMore({}); ++i)
        m_model->fetchMore({});
    QCOMPARE(m_model->rowCount(), int(payload.size()));
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(inserted.last().at(2).toInt(), int(payload.size()) - 1);
    QCOMPARE(m_model->index(int(payload.size()) - 1, UnmaskingModel::CharColumn).data().toString(), QStringLiteral("x"));
}

void TestUnmaskingModel::tableShowsAMebibyteWithoutFreezing()
{
    UnmaskingTable table;
    table.resize(700, 400);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    const QByteArray payload(1024 * 1024, 'm');
    table.setFrame(frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Text, payload, true,
                                                                protocol::MaskKey{1, 2, 3, 4})));
    QVERIFY(!table.grab().isNull());
    // Only the first chunk of rows is made: a mebibyte of rows at once is what froze the window.
    QCOMPARE(table.model()->rowCount(), UnmaskingModel::chunkSize);
    QVERIFY(table.statusText().contains(QString::number(payload.size())));
    // Scrolling to the end of what is loaded loads the next chunk.
    table.view()->verticalScrollBar()->setValue(table.view()->verticalScrollBar()->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(table.model()->rowCount() > UnmaskingModel::chunkSize, 2000);
}

void TestUnmaskingModel::tableExplainsUnmaskedFrames()
{
    UnmaskingTable table;
    table.setFrame(frameFromWire(unmaskedHelloWire()));
    QCOMPARE(table.model()->rowCount(), 0);
    QVERIFY(!table.view()->isVisibleTo(&table));
}

// Short header labels keep the columns as narrow as their bytes; the full meaning is one hover away.
void TestUnmaskingModel::headersAreShortAndExplainedInTooltips()
{
    for (int column = 0; column < UnmaskingModel::ColumnCount; ++column) {
        const QString label = m_model->headerData(column, Qt::Horizontal).toString();
        const QString tip = m_model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(!label.isEmpty() && label.size() <= 9, qPrintable(label));
        QVERIFY2(tip.size() > label.size(), qPrintable(label + " / " + tip));
    }
}

QTEST_MAIN(TestUnmaskingModel)
#include "tst_unmaskingmodel.moc"
