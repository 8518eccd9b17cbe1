// Autobahn sections 12 and 13 in spirit: permessage-deflate (RFC 7692) against /echo. Section 12
// echoes compressed text and binary messages of growing size on one connection (so the LZ77 window
// carries over between messages, §7.1.1); section 13 does the same under each negotiated
// parameter: no context takeover either way, small windows either way. Around them: the
// negotiation itself (offers with parameters, offers the server must decline, several offers),
// fragmented compressed messages, and the ways a compressed stream can be wrong: RSV1 where RFC
// 7692 §6.1 forbids it (1002), data that does not inflate or text that is not UTF-8 once inflated
// (1007), and a "zip bomb" that inflates beyond the message limit (1009, with bounded memory).
//
// The client here speaks permessage-deflate itself, with the project's PerMessageDeflate in the
// client role, and checks every frame the server sends: unmasked, RSV1 on first frames only, data
// that inflates with the agreed parameters (§7.2.2), nothing after the close frame.

#include "conformancecase.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/permessagedeflate.h"

#include <sys/resource.h>

using namespace wslab::conformance;
using namespace wslab;

namespace {

constexpr int waitMs = 10'000;

// What the server sent: a whole data message (inflated when it came compressed) or a control frame.
struct Reply
{
    Opcode opcode = Opcode::Text;
    QByteArray payload;
    bool compressed = false;
};

class DeflateClient
{
public:
    // Opens /echo offering `offers`, one Sec-WebSocket-Extensions line each (empty: no offer).
    bool upgrade(quint16 port, const QList<QByteArray> &offers)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, waitMs))
            return fail(QStringLiteral("no TCP connection"));
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QByteArray nonce(16, Qt::Uninitialized);
        for (char &byte : nonce)
            byte = char(QRandomGenerator::global()->bounded(256));
        const QByteArray key = nonce.toBase64();
        QByteArray request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                             + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                             + "\r\nSec-WebSocket-Version: 13\r\n";
        for (const QByteArray &offer : offers)
            request += "Sec-WebSocket-Extensions: " + offer + "\r\n";
        m_socket.write(request + "\r\n");
        if (!QTest::qWaitFor([&] { read(); return m_head.contains("\r\n\r\n"); }, waitMs))
            return fail(QStringLiteral("no response to the upgrade"));
        const qsizetype end = m_head.indexOf("\r\n\r\n") + 4;
        const QByteArray leftover = m_head.mid(end);
        m_head.truncate(end);
        if (!m_head.startsWith("HTTP/1.1 101 "))
            return fail(QStringLiteral("not a 101: ") + QString::fromLatin1(m_head.left(m_head.indexOf('\r'))));
        // RFC 6455 §4.1: the client checks the accept value, computed here independently.
        const QByteArray accept = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                           QCryptographicHash::Sha1).toBase64();
        if (headerValues("Sec-WebSocket-Accept") != QByteArrayList{accept})
            return fail(QStringLiteral("wrong Sec-WebSocket-Accept"));
        const QByteArrayList extensions = headerValues("Sec-WebSocket-Extensions");
        if (extensions.size() > 1)
            return fail(QStringLiteral("more than one Sec-WebSocket-Extensions field"));
        if (!extensions.isEmpty()) {
            // The response element has the syntax of an offer; each parameter is what was agreed.
            const auto parsed = protocol::parseDeflateOffer(extensions.first());
            const auto *answer = std::get_if<protocol::DeflateOffer>(&parsed);
            if (!answer)
                return fail(QStringLiteral("unusable extension response: ") + QString::fromLatin1(extensions.first()));
            m_extensions = extensions.first();
            protocol::DeflateParameters agreed;
            agreed.serverNoContextTakeover = answer->serverNoContextTakeover;
            agreed.clientNoContextTakeover = answer->clientNoContextTakeover;
            agreed.serverMaxWindowBits = answer->serverMaxWindowBits.value_or(protocol::maxWindowBits);
            agreed.clientMaxWindowBits = answer->clientMaxWindowBits.value_or(protocol::maxWindowBits);
            m_deflate.emplace(agreed, protocol::Role::Client);
            m_decoder.setRsv1Allowed(true);
        }
        feed(leftover);
        return true;
    }

    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] const QByteArray &extensions() const noexcept { return m_extensions; } // empty: none
    [[nodiscard]] bool isCompressing() const noexcept { return m_deflate.has_value(); }

    // A message compressed with this client's context: RSV1 on the first frame only (RFC 7692
    // §6.1), in frames of `fragmentSize` payload bytes (0: one), `between` after the first frame.
    [[nodiscard]] QByteArray compressed(Opcode opcode, QByteArrayView message, qsizetype fragmentSize = 0,
                                        const QByteArray &between = {})
    {
        const QByteArray payload = m_deflate->compress(message);
        const qsizetype step = fragmentSize > 0 ? fragmentSize : qMax<qsizetype>(payload.size(), 1);
        QByteArray wire;
        qsizetype offset = 0;
        do {
            const qsizetype length = qMin(step, payload.size() - offset);
            const bool first = offset == 0;
            wire += protocol::FrameEncoder::encode(first ? opcode : Opcode::Continuation,
                                                   QByteArrayView(payload).sliced(offset, length),
                                                   offset + length >= payload.size(),
                                                   protocol::FrameEncoder::randomMaskKey(), first);
            if (first)
                wire += between;
            offset += length;
        } while (offset < payload.size());
        return wire;
    }

    bool send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        return QTest::qWaitFor([&] { return m_socket.bytesToWrite() == 0; }, waitMs);
    }
    void sendClose(quint16 code)
    {
        send(protocol::FrameEncoder::encode(Opcode::Close, protocol::FrameEncoder::closePayload(code), true,
                                            protocol::FrameEncoder::randomMaskKey()));
    }

    bool waitForReplies(qsizetype count)
    {
        return QTest::qWaitFor([&] { read(); return m_replies.size() >= count || m_close || !m_violation.isEmpty(); }, waitMs)
                && m_replies.size() >= count;
    }
    bool waitForClose()
    {
        return QTest::qWaitFor([&] { read(); return m_close.has_value() || !isConnected(); }, waitMs) && m_close;
    }
    bool waitForTcpClose()
    {
        return QTest::qWaitFor([&] { read(); return !isConnected(); }, waitMs);
    }

    [[nodiscard]] const QList<Reply> &replies() const noexcept { return m_replies; }
    [[nodiscard]] std::optional<quint16> closeCode() const
    {
        return m_close ? std::optional(m_close->code.value_or(noStatusCode)) : std::nullopt;
    }
    // A rule the server's frames broke; empty if none.
    [[nodiscard]] const QString &violation() const noexcept { return m_violation; }
    [[nodiscard]] const protocol::PerMessageDeflate *deflate() const { return m_deflate ? &*m_deflate : nullptr; }

private:
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }
    [[nodiscard]] bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    [[nodiscard]] QByteArrayList headerValues(QByteArrayView name) const
    {
        QByteArrayList values;
        for (const QByteArray &line : m_head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                values.append(line.mid(colon + 1).trimmed());
        }
        return values;
    }

    void read()
    {
        const QByteArray bytes = m_socket.readAll();
        if (!m_head.contains("\r\n\r\n"))
            m_head += bytes;
        else
            feed(bytes);
    }

    void feed(QByteArrayView bytes)
    {
        if (bytes.isEmpty() || !m_violation.isEmpty())
            return;
        QList<protocol::DecodedFrame> frames;
        const auto error = m_decoder.feed(bytes, frames);
        for (protocol::DecodedFrame &frame : frames)
            accept(std::move(frame));
        if (error && m_violation.isEmpty())
            m_violation = QStringLiteral("server frame: ") + QLatin1String(protocol::decodeErrorName(*error));
    }

    void accept(protocol::DecodedFrame &&frame)
    {
        if (!m_violation.isEmpty())
            return;
        if (m_close) {
            m_violation = QStringLiteral("a frame after the close frame (RFC 6455 §5.5.1)");
            return;
        }
        protocol::AssemblyStep step = m_assembler.push(std::move(frame));
        switch (step.kind) {
        case protocol::AssemblyStep::Kind::FragmentBuffered:
            return;
        case protocol::AssemblyStep::Kind::Failed:
            m_violation = QStringLiteral("server message: ") + QLatin1String(protocol::decodeErrorName(step.error));
            return;
        case protocol::AssemblyStep::Kind::MessageComplete: {
            const bool compressed = step.message.compressed;
            if (compressed) {
                if (const auto error = protocol::inflateMessage(*m_deflate, step.message, qint64(1) << 30)) {
                    m_violation = QStringLiteral("server message does not inflate with the agreed parameters: ")
                                  + QLatin1String(protocol::decodeErrorName(*error));
                    return;
                }
            }
            m_replies.append({step.message.opcode, step.message.payload, compressed});
            return;
        }
        case protocol::AssemblyStep::Kind::Control:
            break;
        }
        if (step.control->header.opcode != Opcode::Close) {
            m_replies.append({step.control->header.opcode, step.control->payload, false});
            return;
        }
        auto parsed = protocol::parseClosePayload(step.control->payload);
        if (const auto *close = std::get_if<protocol::ClosePayload>(&parsed))
            m_close = *close;
        else
            m_violation = QStringLiteral("invalid close payload");
    }

    QTcpSocket m_socket;
    QByteArray m_head;
    QByteArray m_extensions;
    QString m_error;
    protocol::FrameDecoder m_decoder{protocol::DecoderOptions{protocol::Role::Client, quint64(1) << 30, false}};
    protocol::MessageAssembler m_assembler{protocol::AssemblerOptions{quint64(1) << 30}};
    std::optional<protocol::PerMessageDeflate> m_deflate;
    QList<Reply> m_replies;
    std::optional<protocol::ClosePayload> m_close;
    QString m_violation;
};

// Text a little like prose: words from a small vocabulary, so it compresses as real text does.
QByteArray proseText(qsizetype size, quint32 seed)
{
    static const QByteArrayList words = {"frame", "mask", "deflate", "window", "κόσμε", "payload", "opcode",
                                         "the", "a", "context", "takeover", "inflate", "伺服器", "bits"};
    QByteArray text;
    text.reserve(size + 16);
    quint32 state = seed * 2654435761u + 1;
    while (text.size() < size) {
        state = state * 1664525u + 1013904223u;
        text += words.at(qsizetype(state >> 16) % words.size()) + (state & 0x100 ? ". " : " ");
    }
    text.truncate(size);
    // Not ending inside a multi-byte sequence: drop its lead and continuation bytes, pad with ASCII.
    while (!text.isEmpty() && (quint8(text.back()) & 0x80)) {
        const bool lead = (quint8(text.back()) & 0xC0) == 0xC0;
        text.chop(1);
        if (lead)
            break;
    }
    if (QString::fromUtf8(text).toUtf8() != text) // the cut fell after a whole sequence after all
        text = proseText(size - 1, seed) + ' ';
    return text.leftJustified(size, '.');
}

// Binary that compresses only through long-distance matches: a random block of `blockSize` bytes
// repeated. A server compressing with a bigger window than agreed refers back further than the
// client's window reaches, and the client's inflater fails (RFC 7692 §7.1.2.1).
QByteArray repeatedBlock(qsizetype size, qsizetype blockSize, quint32 seed)
{
    QByteArray block = binaryPayload(blockSize + qsizetype(seed % 7));
    block.truncate(blockSize);
    return block.repeated(size / qMax<qsizetype>(blockSize, 1) + 1).left(size);
}

QString describe(const QList<Reply> &replies)
{
    QStringList parts;
    for (const Reply &reply : replies) {
        parts.append(QStringLiteral("%1%2[%3]")
                             .arg(reply.compressed ? QStringLiteral("deflated ") : QString(),
                                  QLatin1String(protocol::opcodeName(reply.opcode)))
                             .arg(reply.payload.size()));
    }
    return parts.join(QStringLiteral(", "));
}

// The peak resident memory of this process so far, in KiB (Linux: ru_maxrss).
qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_maxrss);
}

} // namespace

class TestConformanceCompression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(compressingSettings())); }
    void cleanupTestCase() { m_server.stop(); }
    // First, while the process's peak memory still says something.
    void zipBombIsRefusedWithBoundedMemory();
    void negotiation_data();
    void negotiation();
    void declinedWhenSwitchedOff();
    void compressedEcho_data();
    void compressedEcho();
    void parameters_data();
    void parameters();
    void fragmentedCompressedMessage_data();
    void fragmentedCompressedMessage();
    void brokenCompression_data();
    void brokenCompression();

private:
    // The server accepts permessage-deflate only when switched on (the lab's default declines).
    [[nodiscard]] static server::ServerSettings compressingSettings()
    {
        auto settings = EchoServer::defaultSettings();
        settings.permessageDeflate = true;
        return settings;
    }

    EchoServer m_server;
};

// RFC 7692 §8.1 ("a decompression bomb"), RFC 6455 §10.4: the inflated size is bounded by the
// message limit (1009), however small the compressed message.
void TestConformanceCompression::zipBombIsRefusedWithBoundedMemory()
{
    constexpr qint64 limit = 2 * 1024 * 1024;
    auto settings = compressingSettings();
    settings.maxMessageSize = limit;
    EchoServer server;
    QVERIFY(server.start(settings));
    DeflateClient client;
    QVERIFY2(client.upgrade(server.port(), {"permessage-deflate"}), qPrintable(client.errorString()));
    QVERIFY(client.isCompressing());

    // 1 GiB of zeros without ever holding it: 8 MiB of zeros deflated, with its sync-flush tail
    // (§7.2.1), repeated. Each piece ends on a byte-aligned block boundary and refers back only to
    // zeros, so the pieces chain into one valid DEFLATE stream.
    protocol::PerMessageDeflate bomber(protocol::DeflateParameters{}, protocol::Role::Client);
    const QByteArray piece = bomber.compress(QByteArray(8 * 1024 * 1024, '\0')) + QByteArray::fromHex("0000ffff");
    QByteArray bomb = piece.repeated(128);
    bomb.chop(4);
    QVERIFY2(bomb.size() < limit, qPrintable(QString::number(bomb.size()))); // the message itself is allowed

    const qint64 before = peakRssKiB();
    client.send(protocol::FrameEncoder::encode(Opcode::Binary, bomb, true, protocol::FrameEncoder::randomMaskKey(), true));
    QVERIFY2(client.waitForClose(), qPrintable(client.violation()));
    QCOMPARE(client.closeCode(), std::optional<quint16>(1009));
    QVERIFY(client.replies().isEmpty());
    client.sendClose(1009);
    QVERIFY(client.waitForTcpClose());
    // Inflating it all would take 1 GiB; the server stops at the limit.
    const qint64 grownMiB = (peakRssKiB() - before) / 1024;
    QVERIFY2(grownMiB < 128, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grownMiB)));
}

void TestConformanceCompression::negotiation_data()
{
    QTest::addColumn<QByteArrayList>("offers");   // Sec-WebSocket-Extensions lines
    QTest::addColumn<QByteArray>("response");     // empty: declined

    // Accepted, parameters answered as RFC 7692 §7.1 requires.
    QTest::addRow("12.0.1 bare offer (Firefox)") << QByteArrayList{"permessage-deflate"} << QByteArray("permessage-deflate");
    QTest::addRow("12.0.2 client_max_window_bits without value (Chromium)")
            << QByteArrayList{"permessage-deflate; client_max_window_bits"}
            << QByteArray("permessage-deflate; client_max_window_bits=15");
    QTest::addRow("12.0.3 server_no_context_takeover is echoed")
            << QByteArrayList{"permessage-deflate; server_no_context_takeover"}
            << QByteArray("permessage-deflate; server_no_context_takeover");
    QTest::addRow("12.0.4 client_no_context_takeover is echoed")
            << QByteArrayList{"permessage-deflate; client_no_context_takeover"}
            << QByteArray("permessage-deflate; client_no_context_takeover");
    QTest::addRow("12.0.5 server_max_window_bits=10 is answered")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=10"}
            << QByteArray("permessage-deflate; server_max_window_bits=10");
    QTest::addRow("12.0.6 client_max_window_bits=12 is answered")
            << QByteArrayList{"permessage-deflate; client_max_window_bits=12"}
            << QByteArray("permessage-deflate; client_max_window_bits=12");
    QTest::addRow("12.0.7 quoted value") << QByteArrayList{"permessage-deflate; server_max_window_bits=\"11\""}
                                         << QByteArray("permessage-deflate; server_max_window_bits=11");
    // Declined (§7.1: "MUST decline"), the connection then runs without compression.
    QTest::addRow("12.0.8 unknown parameter") << QByteArrayList{"permessage-deflate; foo=1"} << QByteArray();
    QTest::addRow("12.0.9 duplicate parameter")
            << QByteArrayList{"permessage-deflate; client_no_context_takeover; client_no_context_takeover"} << QByteArray();
    QTest::addRow("12.0.10 value on a flag") << QByteArrayList{"permessage-deflate; server_no_context_takeover=1"}
                                             << QByteArray();
    QTest::addRow("12.0.11 window bits out of range") << QByteArrayList{"permessage-deflate; client_max_window_bits=16"}
                                                      << QByteArray();
    QTest::addRow("12.0.12 server window 8, which zlib cannot serve")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=8"} << QByteArray();
    QTest::addRow("12.0.13 another extension only") << QByteArrayList{"x-webkit-deflate-frame"} << QByteArray();
    // Several offers (§5): the first one the server can serve wins.
    QTest::addRow("12.0.14 two offers in one line, first declined")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=8, permessage-deflate; client_max_window_bits"}
            << QByteArray("permessage-deflate; client_max_window_bits=15");
    QTest::addRow("12.0.15 two offers on two lines, first taken")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=12", "permessage-deflate"}
            << QByteArray("permessage-deflate; server_max_window_bits=12");
    QTest::addRow("12.0.16 other extension first") << QByteArrayList{"x-webkit-deflate-frame, permessage-deflate"}
                                                   << QByteArray("permessage-deflate");
}

// The response names the agreed parameters exactly; then a message goes both ways, compressed
// when agreed and plain otherwise, and RSV1 means something only in the first case.
void TestConformanceCompression::negotiation()
{
    QFETCH(QByteArrayList, offers);
    QFETCH(QByteArray, response);
    DeflateClient client;
    QVERIFY2(client.upgrade(m_server.port(), offers), qPrintable(client.errorString()));
    QCOMPARE(client.extensions(), response);
    QCOMPARE(client.isCompressing(), !response.isEmpty());

    const QByteArray message = proseText(500, 1);
    if (client.isCompressing()) {
        client.send(client.compressed(Opcode::Text, message) + frame(Opcode::Binary, message));
        QVERIFY2(client.waitForReplies(2), qPrintable(client.violation()));
        QCOMPARE(describe(client.replies()), QStringLiteral("deflated text[500], deflated binary[500]"));
        QCOMPARE(client.replies().at(0).payload, message);
        QCOMPARE(client.replies().at(1).payload, message);
        client.sendClose(1000);
        QVERIFY(client.waitForClose());
        QCOMPARE(client.closeCode(), std::optional<quint16>(1000));
    } else {
        // Declined: RSV1 has no meaning (RFC 6455 §5.2), a frame with it fails the connection.
        client.send(frame(Opcode::Text, message) + rawFrame(Opcode::Text, message, true, 4));
        QVERIFY2(client.waitForClose(), qPrintable(client.violation()));
        QCOMPARE(describe(client.replies()), QStringLiteral("text[500]"));
        QCOMPARE(client.closeCode(), std::optional<quint16>(1002));
        client.sendClose(1002);
    }
    QVERIFY2(client.violation().isEmpty(), qPrintable(client.violation()));
    QVERIFY(client.waitForTcpClose());
}

void TestConformanceCompression::declinedWhenSwitchedOff()
{
    auto settings = EchoServer::defaultSettings();
    settings.permessageDeflate = false;
    EchoServer server;
    QVERIFY(server.start(settings));
    DeflateClient client;
    QVERIFY2(client.upgrade(server.port(), {"permessage-deflate; client_max_window_bits"}), qPrintable(client.errorString()));
    QVERIFY(client.extensions().isEmpty());
    client.send(frame(Opcode::Text, "Hello") + rawFrame(Opcode::Binary, QByteArray::fromHex("f248cdc9c90700"), true, 4));
    QVERIFY(client.waitForClose());
    QCOMPARE(describe(client.replies()), QStringLiteral("text[5]"));
    QCOMPARE(client.closeCode(), std::optional<quint16>(1002));
}

void TestConformanceCompression::compressedEcho_data()
{
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<qsizetype>("size");
    // Autobahn 12.1 (text) and 12.2 (binary): 16 B to 256 KiB, several messages per connection.
    int index = 1;
    for (qsizetype size = 16; size <= 256 * 1024; size *= 4, ++index) {
        QTest::addRow("12.1.%d text %lld B", index, qlonglong(size)) << Opcode::Text << size;
        QTest::addRow("12.2.%d binary %lld B", index, qlonglong(size)) << Opcode::Binary << size;
    }
}

void TestConformanceCompression::compressedEcho()
{
    QFETCH(Opcode, opcode);
    QFETCH(qsizetype, size);
    constexpr int messages = 8;
    DeflateClient client;
    QVERIFY2(client.upgrade(m_server.port(), {"permessage-deflate; client_max_window_bits"}), qPrintable(client.errorString()));
    QVERIFY(client.isCompressing());
    QList<QByteArray> sent;
    QByteArray wire;
    for (int i = 0; i < messages; ++i) {
        // Alike but not equal, so the window (context takeover) helps without making it trivial.
        sent.append(opcode == Opcode::Text ? proseText(size, quint32(i % 3)) : repeatedBlock(size, 300, quint32(i)));
        wire += client.compressed(opcode, sent.last());
    }
    client.send(wire);
    QVERIFY2(client.waitForReplies(messages), qPrintable(client.violation() + QLatin1Char(' ') + describe(client.replies())));
    for (int i = 0; i < messages; ++i) {
        const Reply &reply = client.replies().at(i);
        QCOMPARE(reply.opcode, opcode);
        QVERIFY(reply.compressed);
        QCOMPARE(reply.payload.size(), size);
        QVERIFY2(reply.payload == sent.at(i), qPrintable(QStringLiteral("echo %1 differs").arg(i)));
    }
    client.sendClose(1000);
    QVERIFY(client.waitForClose());
    QCOMPARE(client.closeCode(), std::optional<quint16>(1000));
    QVERIFY2(client.violation().isEmpty(), qPrintable(client.violation()));
}

void TestConformanceCompression::parameters_data()
{
    QTest::addColumn<QByteArray>("offer");
    QTest::addColumn<QByteArray>("response");
    // Autobahn 13.x: each parameter in force, messages that only compress by reaching back 2 KiB
    // (beyond a 512-byte window) or into the previous message (beyond a reset context).
    QTest::addRow("13.1 default (context takeover both ways, 32 KiB windows)")
            << QByteArray("permessage-deflate") << QByteArray("permessage-deflate");
    QTest::addRow("13.2 client_no_context_takeover")
            << QByteArray("permessage-deflate; client_no_context_takeover")
            << QByteArray("permessage-deflate; client_no_context_takeover");
    QTest::addRow("13.3 server_no_context_takeover")
            << QByteArray("permessage-deflate; server_no_context_takeover")
            << QByteArray("permessage-deflate; server_no_context_takeover");
    QTest::addRow("13.4 server_max_window_bits=9")
            << QByteArray("permessage-deflate; server_max_window_bits=9")
            << QByteArray("permessage-deflate; server_max_window_bits=9");
    QTest::addRow("13.5 client_max_window_bits=9")
            << QByteArray("permessage-deflate; client_max_window_bits=9")
            << QByteArray("permessage-deflate; client_max_window_bits=9");
    QTest::addRow("13.6 client_max_window_bits=8 (client stores only)")
            << QByteArray("permessage-deflate; client_max_window_bits=8")
            << QByteArray("permessage-deflate; client_max_window_bits=8");
    QTest::addRow("13.7 everything small and reset")
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                          "server_max_window_bits=9; client_max_window_bits=9")
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                          "server_max_window_bits=9; client_max_window_bits=9");
}

void TestConformanceCompression::parameters()
{
    QFETCH(QByteArray, offer);
    QFETCH(QByteArray, response);
    DeflateClient client;
    QVERIFY2(client.upgrade(m_server.port(), {offer}), qPrintable(client.errorString()));
    QCOMPARE(client.extensions(), response);
    // The client inflates with exactly the agreed windows and resets: a server that compressed with
    // more (a bigger window, a kept context) would make an echo fail to inflate here.
    QCOMPARE(client.deflate()->decompressWindowBits(), response.contains("server_max_window_bits=9") ? 9 : 15);
    QCOMPARE(client.deflate()->keepsDecompressContext(), !response.contains("server_no_context_takeover"));

    QList<std::pair<Opcode, QByteArray>> sent;
    for (const qsizetype size : {qsizetype(16), qsizetype(1024), qsizetype(8192), qsizetype(65536)}) {
        // The same message twice: the second one is all back-reference with context takeover.
        const QByteArray block = repeatedBlock(size, 2048, quint32(size));
        sent << std::pair(Opcode::Binary, block) << std::pair(Opcode::Binary, block)
             << std::pair(Opcode::Text, proseText(size, 7));
    }
    for (const auto &[opcode, message] : std::as_const(sent))
        client.send(client.compressed(opcode, message));
    QVERIFY2(client.waitForReplies(sent.size()), qPrintable(client.violation() + QLatin1Char(' ') + describe(client.replies())));
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(client.replies().at(i).opcode, sent.at(i).first);
        QVERIFY(client.replies().at(i).compressed);
        QVERIFY2(client.replies().at(i).payload == sent.at(i).second, qPrintable(QStringLiteral("echo %1 differs").arg(i)));
    }
    client.sendClose(1000);
    QVERIFY(client.waitForClose());
    QVERIFY2(client.violation().isEmpty(), qPrintable(client.violation()));
}

void TestConformanceCompression::fragmentedCompressedMessage_data()
{
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qsizetype>("fragmentSize");
    QTest::addColumn<bool>("pingBetween");
    // RFC 7692 §6.1: RSV1 on the first frame; the compressed payload is what is fragmented.
    QTest::addRow("12.3.1 text 4 KiB in 1-byte fragments") << Opcode::Text << qsizetype(4096) << qsizetype(1) << false;
    QTest::addRow("12.3.2 text 64 KiB in 1000-byte fragments") << Opcode::Text << qsizetype(65536) << qsizetype(1000) << false;
    QTest::addRow("12.3.3 binary 256 KiB in 4 KiB fragments") << Opcode::Binary << qsizetype(256 * 1024) << qsizetype(4096) << false;
    QTest::addRow("12.3.4 text with a ping after the first fragment") << Opcode::Text << qsizetype(8192) << qsizetype(100) << true;
}

void TestConformanceCompression::fragmentedCompressedMessage()
{
    QFETCH(Opcode, opcode);
    QFETCH(qsizetype, size);
    QFETCH(qsizetype, fragmentSize);
    QFETCH(bool, pingBetween);
    DeflateClient client;
    QVERIFY2(client.upgrade(m_server.port(), {"permessage-deflate"}), qPrintable(client.errorString()));
    const QByteArray message = opcode == Opcode::Text ? proseText(size, 3) : repeatedBlock(size, 1000, 3);
    const QByteArray wire = client.compressed(opcode, message, fragmentSize, pingBetween ? frame(Opcode::Ping, "mid") : QByteArray());
    client.send(wire);
    QVERIFY2(client.waitForReplies(pingBetween ? 2 : 1), qPrintable(client.violation()));
    const Reply &echo = client.replies().constLast();
    if (pingBetween) {
        QCOMPARE(client.replies().at(0).opcode, Opcode::Pong);
        QCOMPARE(client.replies().at(0).payload, QByteArray("mid"));
    }
    QCOMPARE(echo.opcode, opcode);
    QVERIFY(echo.compressed);
    QVERIFY(echo.payload == message);
    client.sendClose(1000);
    QVERIFY(client.waitForClose());
    QVERIFY2(client.violation().isEmpty(), qPrintable(client.violation()));
}

void TestConformanceCompression::brokenCompression_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<quint16>("code");
    QTest::addRow("13.8.1 RSV1 on a continuation frame") << 0 << quint16(1002);
    QTest::addRow("13.8.2 RSV1 on a ping") << 1 << quint16(1002);
    QTest::addRow("13.8.3 RSV1 on both fragments") << 2 << quint16(1002);
    QTest::addRow("13.8.4 corrupt DEFLATE data") << 3 << quint16(1007);
    QTest::addRow("13.8.5 DEFLATE ending inside a block") << 4 << quint16(1007);
    QTest::addRow("13.8.6 text that is not UTF-8 once inflated") << 5 << quint16(1007);
    QTest::addRow("13.8.7 client keeps its context despite client_no_context_takeover") << 6 << quint16(1007);
}

// After a valid compressed message, one that breaks a rule: the echo of the first, then the close.
void TestConformanceCompression::brokenCompression()
{
    QFETCH(int, kind);
    QFETCH(quint16, code);
    DeflateClient client;
    const QByteArray offer = kind == 6 ? "permessage-deflate; client_no_context_takeover" : "permessage-deflate";
    QVERIFY2(client.upgrade(m_server.port(), {offer}), qPrintable(client.errorString()));
    const QByteArray first = proseText(300, 9);
    const auto key = protocol::FrameEncoder::randomMaskKey;
    // A compressor of its own, for data the client's agreed one would not produce.
    protocol::PerMessageDeflate other(protocol::DeflateParameters{}, protocol::Role::Client);
    QByteArray wire = kind == 6 ? protocol::FrameEncoder::encode(Opcode::Text, other.compress(first), true, key(), true)
                                : client.compressed(Opcode::Text, first);
    const QByteArray hello = kind == 6 ? QByteArray() : other.compress("Hello, hello, hello");
    switch (kind) {
    case 0:
        wire += protocol::FrameEncoder::encode(Opcode::Text, QByteArrayView(hello).first(3), false, key(), true)
                + protocol::FrameEncoder::encode(Opcode::Continuation, QByteArrayView(hello).sliced(3), true, key(), true);
        break;
    case 1:
        wire += protocol::FrameEncoder::encode(Opcode::Ping, "p", true, key(), true);
        break;
    case 2:
        wire += protocol::FrameEncoder::encode(Opcode::Binary, QByteArrayView(hello).first(3), false, key(), true)
                + protocol::FrameEncoder::encode(Opcode::Continuation, QByteArrayView(hello).sliced(3), true, key(), true);
        break;
    case 3:
        wire += protocol::FrameEncoder::encode(Opcode::Binary, QByteArray::fromHex("ffffffffffff"), true, key(), true);
        break;
    case 4: // the first bytes of a fixed-Huffman block, then nothing
        wire += protocol::FrameEncoder::encode(Opcode::Binary, QByteArrayView(hello).first(2), true, key(), true);
        break;
    case 5:
        wire += protocol::FrameEncoder::encode(Opcode::Text, other.compress("ok \xff\xfe ok"), true, key(), true);
        break;
    case 6:
        // §7.1.1.2: the server starts every message from an empty window, so a message that refers
        // back into the previous one (as the same text compressed again with the context kept does)
        // refers to nothing it has.
        wire += protocol::FrameEncoder::encode(Opcode::Text, other.compress(first), true, key(), true);
        break;
    default:
        QFAIL("unknown case");
    }
    wire += frame(Opcode::Text, "never echoed");
    client.send(wire);
    QVERIFY2(client.waitForClose(), qPrintable(client.violation()));
    QVERIFY2(client.violation().isEmpty(), qPrintable(client.violation()));
    QCOMPARE(describe(client.replies()), QStringLiteral("deflated text[300]"));
    QCOMPARE(client.replies().at(0).payload, first);
    QCOMPARE(client.closeCode(), std::optional<quint16>(code));
    client.sendClose(code);
    QVERIFY(client.waitForTcpClose());
}

QTEST_GUILESS_MAIN(TestConformanceCompression)
#include "tst_conformance_compression.moc"
