#pragma once

// One conformance case in the terms of the Autobahn|Testsuite: what the client sends (exact bytes,
// whole or in timed chunks), what must come back (messages and control frames, in order), and how
// the connection must end. runCase() plays a case against the server's /echo endpoint through
// RawClient and states every expectation with QTest macros. EchoServer runs the server under test
// in-process on 127.0.0.1, port 0.

#include "rawclient.h"

#include "server/serverhost.h"
#include "server/serversettings.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace wslab::conformance {

using protocol::Opcode;

// A piece of the client's stream: `bytes` written in pieces of `chunkSize` (0: at once) with
// `delayMs` after each piece.
struct Transmission
{
    QByteArray bytes;
    qsizetype chunkSize = 0;
    int delayMs = 0;
};

enum class Ending : quint8 {
    // The connection must still be usable: the client then closes with 1000 and the server must
    // answer 1000 (RFC 6455 §5.5.1) with nothing else in between.
    Open,
    // The server sends a close frame with a code from `closeCodes` (after the expected frames).
    Close,
    // The same, and it must come before the client has written all its bytes: the server decided
    // from what it had (RFC 6455 §8.1 for UTF-8, §10.4 for sizes) instead of waiting for the rest.
    FailFast,
    // Where the RFC lets the server drop TCP without a close frame (§5.1: an unmasked client frame
    // "MUST close the connection" and only "MAY send a Close frame"): a close frame with a code from
    // `closeCodes`, or TCP closed with none.
    CloseOrDrop,
};

// A close frame without a code (RFC 6455 §7.1.5: "no status code was present" is reported as 1005,
// a value never sent on the wire).
inline constexpr quint16 noStatusCode = 1005;

struct ConformanceCase
{
    QList<Transmission> sends;
    QList<Received> expected;
    Ending ending = Ending::Open;
    QList<quint16> closeCodes; // the acceptable codes when closing; noStatusCode = empty body
    QList<QByteArray> extraHeaderLines; // added to the upgrade request
};

// The three shapes of a case, named for how the connection ends.
[[nodiscard]] inline ConformanceCase staysOpen(QList<Transmission> sends, QList<Received> expected = {})
{
    ConformanceCase testCase;
    testCase.sends = std::move(sends);
    testCase.expected = std::move(expected);
    return testCase;
}

[[nodiscard]] inline ConformanceCase closesWith(QList<Transmission> sends, QList<Received> expected,
                                                QList<quint16> closeCodes)
{
    ConformanceCase testCase = staysOpen(std::move(sends), std::move(expected));
    testCase.ending = Ending::Close;
    testCase.closeCodes = std::move(closeCodes);
    return testCase;
}

[[nodiscard]] inline ConformanceCase failsFastWith(QList<Transmission> sends, QList<Received> expected,
                                                   QList<quint16> closeCodes)
{
    ConformanceCase testCase = closesWith(std::move(sends), std::move(expected), std::move(closeCodes));
    testCase.ending = Ending::FailFast;
    return testCase;
}

[[nodiscard]] inline ConformanceCase closesOrDrops(QList<Transmission> sends, QList<Received> expected,
                                                   QList<quint16> closeCodes)
{
    ConformanceCase testCase = closesWith(std::move(sends), std::move(expected), std::move(closeCodes));
    testCase.ending = Ending::CloseOrDrop;
    return testCase;
}

// --- building the client's bytes: every frame is masked with a fresh random key (§5.3) ---

[[nodiscard]] inline QByteArray frame(Opcode opcode, QByteArrayView payload, bool fin = true)
{
    return protocol::FrameEncoder::encode(opcode, payload, fin, protocol::FrameEncoder::randomMaskKey());
}

// Any header bits, any opcode: `rsv` is the three reserved bits as Autobahn numbers them
// (4 = RSV1, 2 = RSV2, 1 = RSV3).
[[nodiscard]] inline QByteArray rawFrame(Opcode opcode, QByteArrayView payload, bool fin = true, int rsv = 0)
{
    protocol::FrameHeader header;
    header.fin = fin;
    header.rsv1 = (rsv & 4) != 0;
    header.rsv2 = (rsv & 2) != 0;
    header.rsv3 = (rsv & 1) != 0;
    header.opcode = opcode;
    header.masked = true;
    header.maskKey = protocol::FrameEncoder::randomMaskKey();
    header.payloadLength = quint64(payload.size());
    header.lengthForm = protocol::minimalLengthForm(header.payloadLength);
    return protocol::FrameEncoder::writeRaw(header, payload);
}

// A frame header announcing `length` bytes, without any of them.
[[nodiscard]] inline QByteArray headerOnly(Opcode opcode, quint64 length, bool fin = true)
{
    protocol::FrameHeader header;
    header.fin = fin;
    header.opcode = opcode;
    header.masked = true;
    header.maskKey = protocol::FrameEncoder::randomMaskKey();
    header.payloadLength = length;
    header.lengthForm = protocol::minimalLengthForm(length);
    return protocol::FrameEncoder::writeHeader(header);
}

[[nodiscard]] inline QByteArray closeFrame(std::optional<quint16> code, QByteArrayView reason = {})
{
    return frame(Opcode::Close, protocol::FrameEncoder::closePayload(code, reason));
}

// A message as `fragmentSize`-byte frames (§5.4), each with its own key.
[[nodiscard]] inline QByteArray fragmented(Opcode opcode, QByteArrayView message, qsizetype fragmentSize)
{
    const qsizetype count = std::max<qsizetype>(1, (message.size() + fragmentSize - 1) / fragmentSize);
    QList<protocol::MaskKey> keys;
    for (qsizetype i = 0; i < count; ++i)
        keys.append(protocol::FrameEncoder::randomMaskKey());
    QByteArray wire;
    for (const QByteArray &piece : protocol::FrameEncoder::fragment(opcode, message, fragmentSize, keys))
        wire += piece;
    return wire;
}

[[nodiscard]] inline Transmission whole(const QByteArray &bytes) { return {bytes, 0, 0}; }
[[nodiscard]] inline Transmission chunked(const QByteArray &bytes, qsizetype chunkSize, int delayMs = 0)
{
    return {bytes, chunkSize, delayMs};
}

[[nodiscard]] inline Received text(const QByteArray &payload) { return {Opcode::Text, payload}; }
[[nodiscard]] inline Received binary(const QByteArray &payload) { return {Opcode::Binary, payload}; }
[[nodiscard]] inline Received pong(const QByteArray &payload) { return {Opcode::Pong, payload}; }

// Payloads that are not all one byte value, so an echo that drops or reorders bytes cannot match.
[[nodiscard]] inline QByteArray asciiPayload(qsizetype size)
{
    static const QByteArray alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*";
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = alphabet.at((i * 7 + i / 63) % alphabet.size());
    return bytes;
}

[[nodiscard]] inline QByteArray binaryPayload(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = 0x9E3779B9u ^ quint32(size);
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u; // any byte value, 0x00 and 0xFF included
        bytes[i] = char(state >> 24);
    }
    return bytes;
}

// --- describing what was received, so a failure prints both sides in full ---

[[nodiscard]] inline QString describe(const Received &item)
{
    QString text = QStringLiteral("%1[%2]").arg(QLatin1String(protocol::opcodeName(item.opcode))).arg(item.payload.size());
    if (item.payload.isEmpty())
        return text;
    if (item.payload.size() <= 40) {
        text += QLatin1Char(' ') + QString::fromLatin1(item.payload.toHex());
    } else {
        text += QStringLiteral(" sha1:")
                + QString::fromLatin1(QCryptographicHash::hash(item.payload, QCryptographicHash::Sha1).toHex().left(12));
    }
    return text;
}

[[nodiscard]] inline QString describe(const QList<Received> &items)
{
    QStringList parts;
    for (const Received &item : items)
        parts.append(describe(item));
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

[[nodiscard]] inline quint16 closeCodeOf(const protocol::ClosePayload &payload)
{
    return payload.code.value_or(noStatusCode);
}

// Walks the client's own bytes frame by frame (they are well-formed up to the end, or end early):
// did it send a close frame? Then it must not send a second one in reply (RFC 6455 §5.5.1).
[[nodiscard]] inline bool containsCloseFrame(QByteArrayView wire)
{
    qsizetype position = 0;
    while (position + 2 <= wire.size()) {
        const auto byte0 = quint8(wire[position]);
        const auto byte1 = quint8(wire[position + 1]);
        if ((byte0 & 0x0F) == quint8(Opcode::Close))
            return true;
        const quint8 length7 = byte1 & 0x7F;
        const int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        const qsizetype headerSize = 2 + extended + ((byte1 & 0x80) ? 4 : 0);
        if (position + headerSize > wire.size())
            return false;
        quint64 length = length7;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; ++i)
                length = (length << 8) | quint8(wire[position + 2 + i]);
        }
        if (length > quint64(wire.size() - position - headerSize))
            return false; // the frame runs past what was sent
        position += headerSize + qsizetype(length);
    }
    return false;
}

// --- the server under test ---

class EchoServer
{
public:
    [[nodiscard]] static server::ServerSettings defaultSettings()
    {
        server::ServerSettings settings;
        settings.bindAddress = QStringLiteral("127.0.0.1");
        settings.port = 0;
        settings.pingIntervalMs = 0; // no unsolicited pings in the middle of an expectation
        return settings;
    }

    bool start(const server::ServerSettings &settings = defaultSettings())
    {
        if (const quint16 external = externalPort(); external != 0) {
            m_port = external;
            return true;
        }
        m_host = std::make_unique<server::ServerHost>(settings);
        QSignalSpy listening(m_host.get(), &server::ServerHost::listening);
        QSignalSpy failed(m_host.get(), &server::ServerHost::listenFailed);
        m_host->start();
        if (!QTest::qWaitFor([&] { return !listening.isEmpty() || !failed.isEmpty(); }, 5000) || listening.isEmpty())
            return false;
        m_port = listening.first().at(1).value<quint16>();
        return m_port != 0;
    }

    void stop() { m_host.reset(); }
    [[nodiscard]] quint16 port() const noexcept { return m_port; }

    // WSLAB_CONFORMANCE_PORT names a server on 127.0.0.1 that something else runs (another
    // implementation, or wslab's proxy in front of one): the cases are then played against it and
    // the settings given to start() do not apply.
    [[nodiscard]] static quint16 externalPort()
    {
        bool ok = false;
        const int port = qEnvironmentVariableIntValue("WSLAB_CONFORMANCE_PORT", &ok);
        return ok && port > 0 && port <= 0xFFFF ? quint16(port) : quint16(0);
    }

private:
    std::unique_ptr<server::ServerHost> m_host;
    quint16 m_port = 0;
};

// --- playing a case ---

namespace detail {

inline constexpr int expectationTimeoutMs = 5000;
inline constexpr int tcpCloseTimeoutMs = 3000;

inline QString closeText(const RawClient &client)
{
    if (!client.hasCloseFrame())
        return client.isTcpClosed() ? QStringLiteral("TCP closed without a close frame (1006)")
                                    : QStringLiteral("no close frame and TCP still open");
    const auto &payload = *client.closePayload();
    return QStringLiteral("close %1 \"%2\"").arg(closeCodeOf(payload)).arg(payload.reason);
}

inline QString codesText(const QList<quint16> &codes)
{
    QStringList parts;
    for (quint16 code : codes)
        parts.append(QString::number(code));
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace detail

// What a case saw of the server, one line per case appended to the file WSLAB_CONFORMANCE_OBSERVATIONS
// names: the messages and control frames, how the connection ended, and whether the case passed.
// Two runs against different targets (a server, and a proxy in front of it) compare line by line;
// the line is written however the case returns.
class CaseObservation
{
public:
    explicit CaseObservation(const RawClient &client) : m_client(client) { }
    CaseObservation(const CaseObservation &) = delete;
    CaseObservation &operator=(const CaseObservation &) = delete;
    ~CaseObservation()
    {
        const QString path = qEnvironmentVariable("WSLAB_CONFORMANCE_OBSERVATIONS");
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::Append | QIODevice::Text))
            return;
        const QString line = QStringLiteral("%1(%2)\t%3\t%4\t%5\n")
                                     .arg(QLatin1String(QTest::currentTestFunction()),
                                          QLatin1String(QTest::currentDataTag()), describe(m_client.received()),
                                          detail::closeText(m_client),
                                          QTest::currentTestFailed() ? QStringLiteral("FAIL") : QStringLiteral("PASS"));
        file.write(line.toUtf8());
    }

private:
    const RawClient &m_client;
};

// Plays `testCase`; failures are reported through QTest (call from a test function, then return).
inline void runCase(quint16 port, const ConformanceCase &testCase)
{
    RawClient client;
    const CaseObservation observation(client);
    QVERIFY2(client.upgrade(port, "/echo", testCase.extraHeaderLines), qPrintable(client.errorString()));
    // RFC 6455 §4.1 (client steps 5 and 6): no extension or subprotocol the client did not ask for.
    const bool offeredExtensions = std::any_of(testCase.extraHeaderLines.begin(), testCase.extraHeaderLines.end(),
                                               [](const QByteArray &line) {
                                                   return line.toLower().startsWith("sec-websocket-extensions:");
                                               });
    if (!offeredExtensions)
        QVERIFY2(!client.responseHeader("sec-websocket-extensions"), "101 names an extension nobody offered");
    QVERIFY2(!client.responseHeader("sec-websocket-protocol"), "101 names a subprotocol nobody offered");

    qsizetype total = 0;
    qsizetype sent = 0;
    for (const Transmission &transmission : testCase.sends) {
        total += transmission.bytes.size();
        sent += client.send(transmission.bytes, transmission.chunkSize, transmission.delayMs);
    }
    const bool clientSentClose = containsCloseFrame(client.sentBytes());

    QList<quint16> codes = testCase.closeCodes;
    if (testCase.ending == Ending::Open) {
        // Everything expected first; then our close, and the server's reply must follow it
        // directly, which also proves nothing unexpected (a second pong, a late echo) was sent.
        client.waitUntil([&] { return client.received().size() >= testCase.expected.size() || client.serverHasEnded(); },
                         detail::expectationTimeoutMs);
        if (!clientSentClose)
            client.sendClose(1000);
        if (codes.isEmpty())
            codes = {1000};
    }
    client.waitUntil([&] { return client.serverHasEnded(); }, detail::expectationTimeoutMs);

    QVERIFY2(client.serverViolation().isEmpty(), qPrintable(client.serverViolation()));
    QCOMPARE(describe(client.received()), describe(testCase.expected));
    if (testCase.ending == Ending::CloseOrDrop && !client.hasCloseFrame()) {
        QVERIFY2(client.isTcpClosed(), "neither a close frame nor a closed connection");
        return;
    }
    QVERIFY2(client.hasCloseFrame() && codes.contains(closeCodeOf(*client.closePayload())),
             qPrintable(QStringLiteral("expected a close frame with a code in %1, got: %2")
                                .arg(detail::codesText(codes), detail::closeText(client))));
    if (testCase.ending == Ending::FailFast) {
        QVERIFY2(sent < total, qPrintable(QStringLiteral("the server closed only after all %1 bytes had been sent; "
                                                         "it should fail fast").arg(total)));
    }

    // The closing handshake: answer the server's close (echoing its code) unless we started it; the
    // server then closes TCP first (RFC 6455 §7.1.1, §5.5.1).
    if (!clientSentClose) {
        const quint16 code = closeCodeOf(*client.closePayload());
        client.sendClose(code == noStatusCode ? std::nullopt : std::optional<quint16>(code));
    }
    QVERIFY2(client.waitForTcpClose(detail::tcpCloseTimeoutMs),
             "the server did not close the TCP connection after the closing handshake");
}

} // namespace wslab::conformance

Q_DECLARE_METATYPE(wslab::conformance::ConformanceCase)
