#include "server/protocol/closecode.h"
#include "server/protocol/opcode.h"

#include <QTest>

using namespace wslab::protocol;

// Opcode classes (RFC 6455 §5.2, §11.8) and close code validity (§7.4).
class TestOpcode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classes_data();
    void classes();
    void closeCodeValidity_data();
    void closeCodeValidity();
};

void TestOpcode::classes_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("control");
    QTest::addColumn<bool>("data");
    QTest::addColumn<bool>("reserved");
    QTest::addColumn<QByteArray>("name");
    const char *names[16] = {"continuation", "text", "binary", "reserved 0x3", "reserved 0x4", "reserved 0x5",
                             "reserved 0x6", "reserved 0x7", "close", "ping", "pong", "reserved 0xB",
                             "reserved 0xC", "reserved 0xD", "reserved 0xE", "reserved 0xF"};
    for (int bits = 0; bits < 16; ++bits) {
        const bool reserved = (bits >= 3 && bits <= 7) || bits >= 11;
        QTest::addRow("0x%X", bits) << bits << (bits >= 8) << (!reserved && bits < 8) << reserved << QByteArray(names[bits]);
    }
}

void TestOpcode::classes()
{
    QFETCH(int, bits);
    QFETCH(bool, control);
    QFETCH(bool, data);
    QFETCH(bool, reserved);
    QFETCH(QByteArray, name);
    const Opcode opcode = opcodeFromBits(quint8(0xF0 | bits)); // high bits ignored
    QCOMPARE(int(opcode), bits);
    QCOMPARE(isControl(opcode), control);
    QCOMPARE(isData(opcode), data);
    QCOMPARE(isReserved(opcode), reserved);
    QCOMPARE(QByteArray(opcodeName(opcode)), name);
}

void TestOpcode::closeCodeValidity_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("name");
    // The code sets the Autobahn|Testsuite uses in its close-handling cases 7.7 and 7.9.
    for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        QTest::addRow("%d valid", code) << code << true << QByteArray(closeCodeName(quint16(code)));
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        QTest::addRow("%d invalid", code) << code << false << QByteArray(closeCodeName(quint16(code)));
}

void TestOpcode::closeCodeValidity()
{
    QFETCH(int, code);
    QFETCH(bool, valid);
    QFETCH(QByteArray, name);
    QCOMPARE(isValidWireCloseCode(quint16(code)), valid);
    QVERIFY(!name.isEmpty());
    if (code == 1000)
        QCOMPARE(name, QByteArray("Normal Closure"));
    if (code == 1009)
        QCOMPARE(name, QByteArray("Message Too Big"));
    if (code >= 4000 && code <= 4999)
        QCOMPARE(name, QByteArray("Private use"));
}

QTEST_GUILESS_MAIN(TestOpcode)
#include "tst_opcode.moc"
