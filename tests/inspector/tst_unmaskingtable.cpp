#include "inspector/unmaskingtable.h"
#include "inspector/unmaskingmodel.h"

#include "inspector/capturesamples.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;

class TestUnmaskingTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyColumnFitsTheDetailPane_data();
    void everyColumnFitsTheDetailPane();
    void cellsAreNotElided();
};

namespace {

QString columnWidths(const QTableView *view)
{
    QStringList widths;
    for (int column = 0; column < view->model()->columnCount(); ++column)
        widths.append(QString::number(view->columnWidth(column)));
    return QStringLiteral("viewport %1, columns %2").arg(view->viewport()->width()).arg(widths.join(u' '));
}

protocol::DecodedFrame maskedFrame(qsizetype size)
{
    return frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(size, '\xa5'), true,
                                                        protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d}));
}

} // namespace

void TestUnmaskingTable::everyColumnFitsTheDetailPane_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<qsizetype>("payloadSize");
    QTest::addColumn<bool>("scrollToEnd"); // loads every chunk and shows the longest indices

    // The Unmasking tab of the detail pane is about 400 px wide in a maximised window at 1366×768.
    QTest::addRow("Hello, 400 px") << 400 << qsizetype(5) << false;
    QTest::addRow("4 KiB, 400 px, vertical scroll bar") << 400 << qsizetype(4096) << false;
    QTest::addRow("64 KiB scrolled to the end, 400 px") << 400 << qsizetype(65536) << true;
    QTest::addRow("1 MiB, seven-digit indices, 400 px") << 400 << qsizetype(1024 * 1024) << false;
    QTest::addRow("Hello, 700 px") << 700 << qsizetype(5) << false;
}

void TestUnmaskingTable::everyColumnFitsTheDetailPane()
{
    QFETCH(int, width);
    QFETCH(qsizetype, payloadSize);
    QFETCH(bool, scrollToEnd);

    UnmaskingTable table;
    table.resize(width, 300);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    table.setFrame(maskedFrame(payloadSize));
    QTableView *view = table.view();
    for (int i = 0; scrollToEnd && i < 64 && table.model()->canFetchMore({}); ++i)
        table.model()->fetchMore({});
    if (scrollToEnd)
        view->scrollToBottom();
    QCoreApplication::processEvents();

    const qsizetype loaded = scrollToEnd ? payloadSize : std::min<qsizetype>(payloadSize, UnmaskingModel::chunkSize);
    QCOMPARE(table.model()->rowCount(), int(loaded));
    QTRY_VERIFY2_WITH_TIMEOUT(view->horizontalScrollBar()->maximum() == 0, qPrintable(columnWidths(view)), 2000);
    QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(), qPrintable(columnWidths(view)));
}

// Fitting must not come from cutting the bytes short: every cell of the last rows (the longest
// indices) is as wide as its text needs.
void TestUnmaskingTable::cellsAreNotElided()
{
    UnmaskingTable table;
    table.resize(400, 300);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    const qsizetype size = 3 * UnmaskingModel::chunkSize + 5; // five-digit indices once loaded
    table.setFrame(maskedFrame(size));
    for (int i = 0; i < 8 && table.model()->canFetchMore({}); ++i)
        table.model()->fetchMore({});
    QTableView *view = table.view();
    view->scrollToBottom();
    QCoreApplication::processEvents();
    QCOMPARE(table.model()->rowCount(), int(size));

    const int row = int(size) - 1;
    for (int column = 0; column < UnmaskingModel::ColumnCount; ++column) {
        const QModelIndex index = table.model()->index(row, column);
        const QFont font = index.data(Qt::FontRole).isValid() ? index.data(Qt::FontRole).value<QFont>() : view->font();
        const int textWidth = QFontMetrics(font).horizontalAdvance(index.data().toString());
        QVERIFY2(view->columnWidth(column) >= textWidth,
                 qPrintable(QStringLiteral("column %1 \"%2\": %3 < %4")
                                    .arg(column)
                                    .arg(index.data().toString())
                                    .arg(view->columnWidth(column))
                                    .arg(textWidth)));
    }
}

QTEST_MAIN(TestUnmaskingTable)
#include "tst_unmaskingtable.moc"
