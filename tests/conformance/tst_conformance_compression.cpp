// Autobahn sections 12 and 13 cover permessage-deflate (RFC 7692). This server declines the
// extension: an offer is answered with a plain 101 (RFC 6455 §9.1: the server lists only the
// extensions it accepts, and none is accepted), after which RSV1 has no meaning and a frame that
// sets it is a protocol error (§5.2) – whatever its payload looks like.

#include "conformancecase.h"

using namespace wslab::conformance;

class TestConformanceCompression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void offerDeclined_data();
    void offerDeclined();
    void rsv1AfterDecline_data();
    void rsv1AfterDecline();

private:
    EchoServer m_server;
};

namespace {

QByteArray offerLine(const QByteArray &offer) { return "Sec-WebSocket-Extensions: " + offer; }

// RFC 7692 §7.2.3.1: "Hello" compressed with DEFLATE, the trailing 00 00 ff ff removed.
const QByteArray deflatedHello = QByteArray::fromHex("f248cdc9c90700");

} // namespace

void TestConformanceCompression::offerDeclined_data()
{
    QTest::addColumn<QByteArray>("offer");
    QTest::addRow("12.0.1 permessage-deflate") << QByteArray("permessage-deflate");
    QTest::addRow("12.0.2 permessage-deflate; client_max_window_bits")
            << QByteArray("permessage-deflate; client_max_window_bits");
    QTest::addRow("12.0.3 no context takeover both ways")
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    QTest::addRow("12.0.4 two offers") << QByteArray("permessage-deflate; client_max_window_bits=10, permessage-deflate");
}

// A declined offer: 101 with no Sec-WebSocket-Extensions, and the connection then works uncompressed.
void TestConformanceCompression::offerDeclined()
{
    QFETCH(QByteArray, offer);
    RawClient client;
    QVERIFY2(client.upgrade(m_server.port(), "/echo", {offerLine(offer)}), qPrintable(client.errorString()));
    const auto extensions = client.responseHeader("sec-websocket-extensions");
    QVERIFY2(!extensions, qPrintable(QStringLiteral("extension accepted: %1").arg(QString::fromLatin1(extensions.value_or("")))));

    client.send(frame(Opcode::Text, "Hello") + frame(Opcode::Binary, deflatedHello));
    QVERIFY(client.waitUntil([&] { return client.received().size() >= 2 || client.serverHasEnded(); }));
    QVERIFY2(client.serverViolation().isEmpty(), qPrintable(client.serverViolation()));
    QCOMPARE(describe(client.received()), describe({text("Hello"), binary(deflatedHello)}));
    client.sendClose(1000);
    QVERIFY(client.waitUntil([&] { return client.hasCloseFrame(); }));
    QCOMPARE(client.closePayload()->code, std::optional<quint16>(1000));
    QVERIFY(client.waitForTcpClose(3000));
}

void TestConformanceCompression::rsv1AfterDecline_data()
{
    QTest::addColumn<ConformanceCase>("testCase");
    const QList<QByteArray> offer = {offerLine("permessage-deflate; client_max_window_bits")};

    ConformanceCase compressedText =
            closesWith({whole(rawFrame(Opcode::Text, deflatedHello, true, 4))}, {}, {1002});
    compressedText.extraHeaderLines = offer;
    QTest::addRow("13.0.1 deflated text with RSV1") << compressedText;

    ConformanceCase afterValid = closesWith({whole(frame(Opcode::Text, "plain") + rawFrame(Opcode::Binary, deflatedHello, true, 4)
                                                   + frame(Opcode::Ping, "no answer"))},
                                            {text("plain")}, {1002});
    afterValid.extraHeaderLines = offer;
    QTest::addRow("13.0.2 plain text, deflated binary with RSV1, ping") << afterValid;

    ConformanceCase fragmentedCompressed = closesWith({whole(rawFrame(Opcode::Text, deflatedHello.left(3), false, 4)
                                                             + frame(Opcode::Continuation, deflatedHello.mid(3)))},
                                                      {}, {1002});
    fragmentedCompressed.extraHeaderLines = offer;
    QTest::addRow("13.0.3 first fragment with RSV1") << fragmentedCompressed;
}

void TestConformanceCompression::rsv1AfterDecline()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceCompression)
#include "tst_conformance_compression.moc"
