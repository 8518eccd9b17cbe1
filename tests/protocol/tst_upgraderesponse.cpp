#include "server/protocol/acceptderivation.h"
#include "server/protocol/handshake.h"
#include "server/protocol/httpresponse.h"
#include "server/protocol/httpresponseparser.h"
#include "server/protocol/upgraderesponse.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTest>

using namespace wslab::protocol;
using E = UpgradeResponseError;

namespace {

// RFC 6455 §1.3.
constexpr char rfcKey[] = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr char rfcAccept[] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// Names rather than values, so QCOMPARE can print a mismatch.
QByteArrayList names(const QList<UpgradeResponseError> &errors)
{
    QByteArrayList result;
    for (const UpgradeResponseError error : errors)
        result.append(upgradeResponseErrorName(error));
    return result;
}

// A 101 with the given field lines after the status line.
QByteArray switching(const QByteArray &fields)
{
    return "HTTP/1.1 101 Switching Protocols\r\n" + fields + "\r\n";
}

const QByteArray upgradeFields = QByteArray("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ")
        + rfcAccept + "\r\n";

} // namespace

class tst_UpgradeResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marksTheCheckEachHandshakeFaultBreaks_data();
    void marksTheCheckEachHandshakeFaultBreaks();
    void checksEachRfcRule_data();
    void checksEachRfcRule();
    void withoutOffersNoExtensionOrSubprotocolIsAccepted();
    void everyErrorHasNameReasonAndReference();
};

// The answers the server gives for each HandshakeFault of the handshake lab
// (HttpConnection::faultyHandshakeResponse), built from the same protocol functions.
void tst_UpgradeResponse::marksTheCheckEachHandshakeFaultBreaks_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArrayList>("failed");

    const QByteArray accept = deriveAccept(rfcKey).accept;
    const QByteArray withoutGuid = QCryptographicHash::hash(rfcKey, QCryptographicHash::Sha1).toBase64();
    QTest::addRow("None") << buildSwitchingProtocols(accept) << QByteArrayList{};
    QTest::addRow("AcceptWithoutGuid") << buildSwitchingProtocols(withoutGuid) << names({E::WrongAccept});
    QTest::addRow("MissingUpgradeHeader")
            << buildResponse(101, {{"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}}, {}, true)
            << names({E::MissingUpgradeWebsocket});
    QTest::addRow("WrongStatus")
            << buildResponse(200, {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}},
                             {}, false)
            << names({E::StatusNot101});
}

void tst_UpgradeResponse::marksTheCheckEachHandshakeFaultBreaks()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArrayList, failed);

    const HttpResponseParseResult parsed = HttpResponseParser::parse(raw, raw.size());
    QCOMPARE(parsed.status, HttpResponseParseResult::Status::Complete);
    QCOMPARE(names(validateUpgradeResponse(parsed.head, rfcKey)), failed);
}

void tst_UpgradeResponse::checksEachRfcRule_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArrayList>("subprotocols"); // what the client offered
    QTest::addColumn<QByteArrayList>("extensions");
    QTest::addColumn<QByteArrayList>("failed");

    const QByteArrayList none;
    const QByteArrayList deflate{"permessage-deflate; client_max_window_bits"};
    const QByteArrayList chat{"superchat", "chat"};
    const QByteArray accept = QByteArray("Sec-WebSocket-Accept: ") + rfcAccept + "\r\n";

    // RFC 6455 §1.3, where the client offered "chat" and "superchat".
    QTest::addRow("rfc 6455 §1.3") << switching(upgradeFields + "Sec-WebSocket-Protocol: chat\r\n") << chat << none
                                   << QByteArrayList{};

    // §4.1 item 1
    QTest::addRow("200") << QByteArray("HTTP/1.1 200 OK\r\n" + upgradeFields + "\r\n") << none << none
                         << names({E::StatusNot101});
    QTest::addRow("101 is the only upgrade") << QByteArray("HTTP/1.1 100 Continue\r\n" + upgradeFields + "\r\n") << none
                                             << none << names({E::StatusNot101});

    // Item 2: the whole value, ASCII case-insensitive.
    QTest::addRow("Upgrade: WebSocket") << switching("Upgrade: WebSocket\r\nConnection: Upgrade\r\n" + accept) << none
                                        << none << QByteArrayList{};
    QTest::addRow("Upgrade list") << switching("Upgrade: websocket, h2c\r\nConnection: Upgrade\r\n" + accept) << none
                                  << none << names({E::MissingUpgradeWebsocket});
    QTest::addRow("Upgrade: websocket/13") << switching("Upgrade: websocket/13\r\nConnection: Upgrade\r\n" + accept)
                                           << none << none << names({E::MissingUpgradeWebsocket});

    // Item 3: a token of the list.
    QTest::addRow("Connection list") << switching("Upgrade: websocket\r\nConnection: keep-alive, UPGRADE\r\n" + accept)
                                     << none << none << QByteArrayList{};
    QTest::addRow("Connection: close") << switching("Upgrade: websocket\r\nConnection: close\r\n" + accept) << none
                                       << none << names({E::MissingConnectionUpgrade});
    QTest::addRow("no Connection") << switching("Upgrade: websocket\r\n" + accept) << none << none
                                   << names({E::MissingConnectionUpgrade});

    // Item 4: leading and trailing whitespace does not count.
    const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    QTest::addRow("accept with whitespace")
            << switching(upgrade + "Sec-WebSocket-Accept: \t " + rfcAccept + " \t\r\n") << none << none << QByteArrayList{};
    QTest::addRow("no accept") << switching(upgrade) << none << none << names({E::MissingAccept});
    QTest::addRow("accept of another key") << switching(upgrade + "Sec-WebSocket-Accept: "
                                                        + deriveAccept("AQIDBAUGBwgJCgsMDQ4PEA==").accept + "\r\n")
                                           << none << none << names({E::WrongAccept});
    QTest::addRow("accept twice") << switching(upgrade + accept + accept) << none << none << names({E::WrongAccept});
    QTest::addRow("accept as hex") << switching(upgrade + "Sec-WebSocket-Accept: " + deriveAccept(rfcKey).sha1Hex + "\r\n")
                                   << none << none << names({E::WrongAccept});

    // Item 5: extensions by name, parameters aside.
    QTest::addRow("offered extension")
            << switching(upgradeFields + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n")
            << none << deflate << QByteArrayList{};
    QTest::addRow("extension name in another case")
            << switching(upgradeFields + "Sec-WebSocket-Extensions: Permessage-Deflate\r\n") << none << deflate
            << QByteArrayList{};
    QTest::addRow("extension not offered")
            << switching(upgradeFields + "Sec-WebSocket-Extensions: permessage-deflate\r\n") << none << none
            << names({E::UnrequestedExtension});
    QTest::addRow("second extension not offered")
            << switching(upgradeFields + "Sec-WebSocket-Extensions: permessage-deflate, x-webkit-deflate-frame\r\n")
            << none << deflate << names({E::UnrequestedExtension});
    QTest::addRow("empty extensions field") << switching(upgradeFields + "Sec-WebSocket-Extensions:\r\n") << none
                                            << none << QByteArrayList{};

    // Item 6: exactly one subprotocol the client offered, as it wrote it.
    QTest::addRow("subprotocol not offered") << switching(upgradeFields + "Sec-WebSocket-Protocol: chat\r\n") << none
                                             << none << names({E::UnrequestedSubprotocol});
    QTest::addRow("subprotocol in another case") << switching(upgradeFields + "Sec-WebSocket-Protocol: Chat\r\n")
                                                 << chat << none << names({E::UnrequestedSubprotocol});
    QTest::addRow("two subprotocols") << switching(upgradeFields + "Sec-WebSocket-Protocol: chat, superchat\r\n")
                                      << chat << none << names({E::UnrequestedSubprotocol});
    QTest::addRow("empty subprotocol field") << switching(upgradeFields + "Sec-WebSocket-Protocol:\r\n") << chat << none
                                             << names({E::UnrequestedSubprotocol});
    QTest::addRow("no subprotocol chosen") << switching(upgradeFields) << chat << none << QByteArrayList{};

    // The server's own rejections fail every check they do not meet, in the RFC's order.
    QTest::addRow("426 rejection") << buildRejection(HandshakeError::UnsupportedVersion) << none << none
                                   << names({E::StatusNot101, E::MissingAccept});
    QTest::addRow("400 rejection") << buildRejection(HandshakeError::MissingKey) << none << none
                                   << names({E::StatusNot101, E::MissingUpgradeWebsocket, E::MissingConnectionUpgrade,
                                             E::MissingAccept});
    QTest::addRow("431 rejection") << buildRejection(HttpParseError::HeadTooLarge) << none << none
                                   << names({E::StatusNot101, E::MissingUpgradeWebsocket, E::MissingConnectionUpgrade,
                                             E::MissingAccept});
    QTest::addRow("everything wrong") << QByteArray("HTTP/1.1 200 OK\r\nUpgrade: h2c\r\nSec-WebSocket-Accept: x\r\n"
                                                    "Sec-WebSocket-Extensions: x-a\r\nSec-WebSocket-Protocol: y\r\n\r\n")
                                      << chat << deflate
                                      << names({E::StatusNot101, E::MissingUpgradeWebsocket, E::MissingConnectionUpgrade,
                                                E::WrongAccept, E::UnrequestedExtension, E::UnrequestedSubprotocol});
}

void tst_UpgradeResponse::checksEachRfcRule()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArrayList, subprotocols);
    QFETCH(QByteArrayList, extensions);
    QFETCH(QByteArrayList, failed);

    const HttpResponseParseResult parsed = HttpResponseParser::parse(raw, raw.size());
    QCOMPARE(parsed.status, HttpResponseParseResult::Status::Complete);
    QCOMPARE(names(validateUpgradeResponse(parsed.head, rfcKey, subprotocols, extensions)), failed);
}

void tst_UpgradeResponse::withoutOffersNoExtensionOrSubprotocolIsAccepted()
{
    const QByteArray raw = switching(upgradeFields + "Sec-WebSocket-Protocol: chat\r\n"
                                     + "Sec-WebSocket-Extensions: permessage-deflate\r\n");
    const HttpResponseParseResult parsed = HttpResponseParser::parse(raw, raw.size());
    QCOMPARE(parsed.status, HttpResponseParseResult::Status::Complete);
    QCOMPARE(names(validateUpgradeResponse(parsed.head, rfcKey)),
             names({E::UnrequestedExtension, E::UnrequestedSubprotocol}));
    QCOMPARE(names(validateUpgradeResponse(parsed.head, rfcKey, {"chat"}, {"permessage-deflate"})), QByteArrayList{});
}

void tst_UpgradeResponse::everyErrorHasNameReasonAndReference()
{
    QSet<QByteArray> seen;
    const int last = int(UpgradeResponseError::UnrequestedSubprotocol);
    for (int i = 0; i <= last; ++i) {
        const auto error = UpgradeResponseError(i);
        const QByteArray name = upgradeResponseErrorName(error);
        QVERIFY2(name != "?", qPrintable(QString::number(i)));
        QVERIFY2(QByteArrayView(upgradeResponseErrorReason(error)) != "?", name.constData());
        QVERIFY2(QByteArrayView(upgradeResponseErrorReference(error)).startsWith("RFC 6455 §4"), name.constData());
        seen.insert(name);
    }
    QCOMPARE(seen.size(), last + 1);
}

QTEST_GUILESS_MAIN(tst_UpgradeResponse)
#include "tst_upgraderesponse.moc"
