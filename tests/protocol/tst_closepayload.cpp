#include "server/protocol/closepayload.h"
#include "server/protocol/closecode.h"

#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::DecodeError)

namespace wslab::protocol {
char *toString(DecodeError error)
{
    return qstrdup(decodeErrorName(error));
}
} // namespace wslab::protocol

namespace {

// A close body as RFC 6455 §5.5.1 lays it out: the code in network byte order, then the reason.
QByteArray body(quint16 code, const QByteArray &reason = {})
{
    QByteArray bytes;
    bytes.append(char(code >> 8));
    bytes.append(char(code & 0xFF));
    return bytes + reason;
}

} // namespace

class TestClosePayload : public QObject
{
    Q_OBJECT

private slots:
    void parsesWellFormedBodies_data();
    void parsesWellFormedBodies();
    void acceptsEveryCodeAllowedOnTheWire_data();
    void acceptsEveryCodeAllowedOnTheWire();
    void rejectsCodesNotAllowedOnTheWire_data();
    void rejectsCodesNotAllowedOnTheWire();
    void rejectsMalformedBodies_data();
    void rejectsMalformedBodies();
    void codeRangeAgreesWithCloseCodeRules();
    void echoesTheReceivedCode();
};

void TestClosePayload::parsesWellFormedBodies_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("code"); // -1: no code
    QTest::addColumn<QString>("reason");

    QTest::addRow("empty body has no code") << QByteArray() << -1 << QString();
    QTest::addRow("1000 without reason") << QByteArray::fromHex("03e8") << 1000 << QString();
    QTest::addRow("1000 bye") << QByteArray::fromHex("03e8627965") << 1000 << QStringLiteral("bye");
    QTest::addRow("1001 network order") << QByteArray::fromHex("03e9") << 1001 << QString();
    QTest::addRow("4000 network order") << QByteArray::fromHex("0fa0") << 4000 << QString();
    QTest::addRow("1000 kosme reason") << body(1000, QByteArray::fromHex("cebae1bdb9cf83cebcceb5"))
                                       << 1000 << QStringLiteral(u"\u03BA\u1F79\u03C3\u03BC\u03B5");
    QTest::addRow("reason with NUL") << body(1000, QByteArray("a\0b", 3)) << 1000
                                     << QString::fromLatin1("a\0b", 3);
    QTest::addRow("reason U+10FFFF") << body(3000, QByteArray::fromHex("f48fbfbf")) << 3000
                                     << QString::fromUcs4(U"\U0010FFFF", 1);
    // RFC 6455 §5.5: a control frame's payload is at most 125 bytes, so the reason at most 123.
    QTest::addRow("125 bytes, ascii reason") << body(1000, QByteArray(123, 'r')) << 1000
                                             << QString(123, QLatin1Char('r'));
    QTest::addRow("125 bytes, 41 euro signs")
            << body(1000, QByteArray::fromHex("e282ac").repeated(41)) << 1000
            << QString(41, QChar(0x20AC));
}

void TestClosePayload::parsesWellFormedBodies()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, code);
    QFETCH(QString, reason);

    const auto result = parseClosePayload(payload);
    QVERIFY(std::holds_alternative<ClosePayload>(result));
    const auto &parsed = std::get<ClosePayload>(result);
    QCOMPARE(parsed.code.has_value(), code >= 0);
    if (code >= 0)
        QCOMPARE(*parsed.code, quint16(code));
    QCOMPARE(parsed.reason, reason);
}

void TestClosePayload::acceptsEveryCodeAllowedOnTheWire_data()
{
    QTest::addColumn<int>("code");
    for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000,
                     3999, 4000, 4999})
        QTest::addRow("%d", code) << code;
}

void TestClosePayload::acceptsEveryCodeAllowedOnTheWire()
{
    QFETCH(int, code);
    for (const QByteArray &reason : {QByteArray(), QByteArray("why")}) {
        const auto result = parseClosePayload(body(quint16(code), reason));
        QVERIFY(std::holds_alternative<ClosePayload>(result));
        QCOMPARE(std::get<ClosePayload>(result),
                 (ClosePayload{quint16(code), QString::fromLatin1(reason)}));
    }
}

void TestClosePayload::rejectsCodesNotAllowedOnTheWire_data()
{
    QTest::addColumn<int>("code");
    // 1004 reserved; 1005, 1006, 1015 only ever reported locally (RFC 6455 §7.4.1); the rest
    // unassigned or outside every range.
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        QTest::addRow("%d", code) << code;
}

void TestClosePayload::rejectsCodesNotAllowedOnTheWire()
{
    QFETCH(int, code);
    for (const QByteArray &reason : {QByteArray(), QByteArray("why")}) {
        const auto result = parseClosePayload(body(quint16(code), reason));
        QVERIFY(std::holds_alternative<DecodeError>(result));
        QCOMPARE(std::get<DecodeError>(result), DecodeError::InvalidCloseCode);
    }
}

void TestClosePayload::rejectsMalformedBodies_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<DecodeError>("error");

    QTest::addRow("one byte 03") << QByteArray::fromHex("03") << DecodeError::CloseFrameLengthOne;
    QTest::addRow("one byte 00") << QByteArray::fromHex("00") << DecodeError::CloseFrameLengthOne;
    QTest::addRow("1000 read little-endian would be 59395") // proves network byte order
            << QByteArray::fromHex("e803") << DecodeError::InvalidCloseCode;
    QTest::addRow("reason overlong C0 AF") << body(1000, QByteArray::fromHex("c0af"))
                                           << DecodeError::InvalidCloseReasonUtf8;
    QTest::addRow("reason surrogate") << body(1000, QByteArray::fromHex("eda080"))
                                      << DecodeError::InvalidCloseReasonUtf8;
    QTest::addRow("reason above U+10FFFF") << body(1000, QByteArray::fromHex("f4908080"))
                                           << DecodeError::InvalidCloseReasonUtf8;
    QTest::addRow("reason truncated euro") << body(1000, QByteArray::fromHex("6f6be282"))
                                           << DecodeError::InvalidCloseReasonUtf8;
    QTest::addRow("reason lone continuation") << body(4999, QByteArray::fromHex("80"))
                                              << DecodeError::InvalidCloseReasonUtf8;
    QTest::addRow("125 bytes, last sequence cut")
            << body(1000, QByteArray(121, 'r') + QByteArray::fromHex("e282"))
            << DecodeError::InvalidCloseReasonUtf8;
    // The code comes first on the wire and is judged first.
    QTest::addRow("bad code and bad reason") << body(1005, QByteArray::fromHex("ff"))
                                             << DecodeError::InvalidCloseCode;
}

void TestClosePayload::rejectsMalformedBodies()
{
    QFETCH(QByteArray, payload);
    QFETCH(DecodeError, error);

    const auto result = parseClosePayload(payload);
    QVERIFY(std::holds_alternative<DecodeError>(result));
    QCOMPARE(std::get<DecodeError>(result), error);
}

void TestClosePayload::codeRangeAgreesWithCloseCodeRules()
{
    // Every 16-bit value: the parser accepts exactly the codes closecode.h allows on the wire.
    for (int code = 0; code <= 0xFFFF; ++code) {
        const auto result = parseClosePayload(body(quint16(code)));
        if (std::holds_alternative<ClosePayload>(result) != isValidWireCloseCode(quint16(code)))
            QFAIL(qPrintable(QStringLiteral("code %1").arg(code)));
    }
}

void TestClosePayload::echoesTheReceivedCode()
{
    const auto withCode = parseClosePayload(body(1001, "going"));
    QVERIFY(std::holds_alternative<ClosePayload>(withCode));
    QCOMPARE(std::get<ClosePayload>(withCode).echoCode(), std::optional<quint16>(1001));

    const auto empty = parseClosePayload({});
    QVERIFY(std::holds_alternative<ClosePayload>(empty));
    QCOMPARE(std::get<ClosePayload>(empty).echoCode(), std::nullopt);
}

QTEST_GUILESS_MAIN(TestClosePayload)
#include "tst_closepayload.moc"
