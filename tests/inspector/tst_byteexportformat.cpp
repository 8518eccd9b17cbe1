#include "inspector/byteexportformat.h"

#include <QTest>

using wslab::inspector::ByteExportFormat;
using Kind = wslab::inspector::ByteExportFormat::Kind;

Q_DECLARE_METATYPE(wslab::inspector::ByteExportFormat::Kind)

// Selected bytes for other tools: each format checked against text written out by hand.
class tst_ByteExportFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void hexDumpWidensTheOffsetForBigInputs();
    void cArrayNameIsAnIdentifier_data();
    void cArrayNameIsAnIdentifier();
    void base64RoundTrips();
};

void tst_ByteExportFormat::formats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QByteArray>("expected");
    // RFC 6455 §5.7: a masked "Hello".
    const QByteArray hello = QByteArray::fromHex("818537fa213d7f9f4d5158");
    QTest::addRow("hex dump, short line")
            << hello << Kind::HexDump
            << QByteArray("0000  81 85 37 fa 21 3d 7f 9f  4d 51 58                 ..7.!=..MQX\n");
    const QByteArray text = "Hello, WebSocket world!";
    QTest::addRow("hex dump, two lines")
            << text << Kind::HexDump
            << QByteArray("0000  48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74  Hello, WebSocket\n"
                          "0010  20 77 6f 72 6c 64 21                               world!\n");
    QTest::addRow("hex dump, empty") << QByteArray() << Kind::HexDump << QByteArray();
    QTest::addRow("hex stream") << hello << Kind::HexStream << QByteArray("818537fa213d7f9f4d5158");
    QTest::addRow("c array")
            << text.left(14) << Kind::CArray
            << QByteArray("static const unsigned char websocket_bytes[14] = {\n"
                          "    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c, 0x20, 0x57, 0x65, 0x62, 0x53, 0x6f,\n"
                          "    0x63, 0x6b\n"
                          "};\n");
    QTest::addRow("c array, empty") << QByteArray() << Kind::CArray
                                    << QByteArray("static const unsigned char websocket_bytes[0] = {};\n");
    QTest::addRow("base64") << QByteArray("Hello") << Kind::Base64 << QByteArray("SGVsbG8=\n");
    QTest::addRow("raw") << hello << Kind::Raw << hello;
}

void tst_ByteExportFormat::formats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Kind, kind);
    QFETCH(QByteArray, expected);
    QCOMPARE(ByteExportFormat::format(bytes, kind), expected);
}

void tst_ByteExportFormat::hexDumpWidensTheOffsetForBigInputs()
{
    const QByteArray bytes(0x10010, 'a');
    const QByteArray dump = ByteExportFormat::format(bytes, Kind::HexDump);
    QVERIFY(dump.startsWith("000000  61"));
    QVERIFY(dump.contains("\n010000  61"));
    QCOMPARE(dump.count('\n'), 0x10010 / ByteExportFormat::bytesPerDumpLine); // 16 bytes a line, the last one full
}

void tst_ByteExportFormat::cArrayNameIsAnIdentifier_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("identifier");
    QTest::addRow("kept") << QByteArray("frame_12") << QByteArray("frame_12");
    QTest::addRow("spaces and signs") << QByteArray("frame #12 c->s") << QByteArray("frame__12_c__s");
    QTest::addRow("leading digit") << QByteArray("12") << QByteArray("_12");
    QTest::addRow("empty") << QByteArray() << QByteArray("_");
}

void tst_ByteExportFormat::cArrayNameIsAnIdentifier()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, identifier);
    QVERIFY(ByteExportFormat::format("x", Kind::CArray, name).startsWith("static const unsigned char " + identifier + "[1]"));
}

void tst_ByteExportFormat::base64RoundTrips()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    QCOMPARE(QByteArray::fromBase64(ByteExportFormat::format(bytes, Kind::Base64).trimmed()), bytes);
}

QTEST_GUILESS_MAIN(tst_ByteExportFormat)
#include "tst_byteexportformat.moc"
