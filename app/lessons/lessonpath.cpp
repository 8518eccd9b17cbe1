#include "app/lessons/lessonpath.h"

#include <QCoreApplication>

namespace wslab::app {

namespace {

using protocol::FieldId;

LessonTask task(const QString &id, const char *text, const char *hint, CheckKind kind, quint16 closeCode = 0,
                const QList<FieldId> &fields = {})
{
    return LessonTask{id, text, hint, kind, closeCode, fields};
}

// A task whose instructions need the embedded server's page or tools.
LessonTask embeddedOnly(LessonTask task)
{
    task.reach = TaskReach::EmbeddedServerOnly;
    return task;
}

// A task done otherwise in client mode, where wslab is the client and the page is not there.
LessonTask inClientMode(LessonTask task, const char *clientHint)
{
    task.clientHint = clientHint;
    return task;
}

Lesson transports()
{
    Lesson lesson{QStringLiteral("transports"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Polling, long polling, WebSocket"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>Before WebSocket, a page that wanted news from the server had to ask for it. "
                               "<b>Polling</b> asks every second, whether or not there is news, so most requests "
                               "come back empty and a message waits up to a whole interval. <b>Long polling</b> "
                               "keeps one request open until there is news: less waste, but every message still "
                               "costs a full HTTP request with its headers.</p>"
                               "<p>A WebSocket is one TCP connection, opened with one HTTP request, over which both "
                               "sides send frames whenever they like (RFC 6455 §1.1, §1.2). The chat page speaks all "
                               "three; the <b>Transports</b> tab counts requests, wasted requests and latency for "
                               "each, and its auto demo runs all three for you.</p>"),
                  {QStringLiteral("RFC 6455 §1.1"), QStringLiteral("RFC 6455 §1.2")},
                  {}};
    lesson.tasks = {
            embeddedOnly(task(QStringLiteral("transports.polling"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Switch the page to polling and let it ask the server."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "On the chat page, choose Polling as the transport. Each GET /poll is a row in the frames "
                          "table; the Transports tab counts the empty ones."),
             CheckKind::PollingRequest)),
            embeddedOnly(task(QStringLiteral("transports.longpolling"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Switch the page to long polling."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Choose Long polling on the page. A GET /longpoll stays open until a message arrives: "
                          "send one and watch the request end."),
             CheckKind::LongPollingRequest)),
            inClientMode(task(QStringLiteral("transports.websocket"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Switch back to WebSocket: one upgrade, then frames."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Choose WebSocket on the page. One GET with Upgrade: websocket, answered 101, opens the "
                          "connection; compare its request count with polling's in the Transports tab."),
             CheckKind::WebSocketOpened),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "File ▸ New Client Connection connects: wslab's GET with Upgrade: websocket and the server's 101.")),
            embeddedOnly(task(QStringLiteral("transports.demo"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Run the auto demo and compare the three transports."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Transports tab, Compare in an auto demo: the same conversation over each transport, in a "
                          "room of its own; its chart puts the requests, wasted requests and latency side by side."),
             CheckKind::SideRoomRequest)),
    };
    return lesson;
}

Lesson handshake()
{
    Lesson lesson{QStringLiteral("handshake"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The opening handshake"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>A WebSocket starts as an HTTP/1.1 GET with <code>Upgrade: websocket</code>, "
                               "<code>Connection: Upgrade</code>, <code>Sec-WebSocket-Version: 13</code> and a random "
                               "<code>Sec-WebSocket-Key</code> (RFC 6455 §4.1). The server proves it understood by "
                               "answering <code>101 Switching Protocols</code> with <code>Sec-WebSocket-Accept</code>: "
                               "the key with the GUID <code>258EAFA5-E914-47DA-95CA-C5AB0DC85B11</code> appended, "
                               "hashed with SHA-1, then Base64-encoded (§4.2.2, worked example in §1.3).</p>"
                               "<p>A browser that gets anything else fails the connection. The <b>Handshake "
                               "Lab</b> in the toolbar answers the next upgrade wrongly on purpose.</p>"),
                  {QStringLiteral("RFC 6455 §1.3"), QStringLiteral("RFC 6455 §4.1"), QStringLiteral("RFC 6455 §4.2.2")},
                  {}};
    lesson.tasks = {
            inClientMode(task(QStringLiteral("handshake.opened"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Reload the page and find its upgrade request and the 101 answer."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Reload the chat page. The frames table shows the GET and the 101; the Handshake tab "
                          "puts the key and the accept side by side."),
             CheckKind::WebSocketOpened),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "File ▸ New Client Connection connects again: find wslab's upgrade request and the server's 101.")),
            task(QStringLiteral("handshake.accept"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Derive the Sec-WebSocket-Accept for this key yourself."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Append the GUID to the key as text, take the SHA-1 of those bytes, and encode the 20 "
                          "bytes of the hash in Base64. In a shell: printf %s KEY258EAFA5-E914-47DA-95CA-C5AB0DC85B11 "
                          "| sha1sum | xxd -r -p | base64"),
             CheckKind::AcceptAnswer),
            embeddedOnly(task(QStringLiteral("handshake.refused"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Break the handshake with the Handshake Lab and watch the browser refuse."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Pick a fault in the toolbar's Handshake Lab menu, then reload the page. The answer to "
                          "that one upgrade is wrong; the page reports that the connection failed."),
             CheckKind::HandshakeRefused)),
    };
    return lesson;
}

Lesson header()
{
    Lesson lesson{QStringLiteral("header"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The frame header"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>Every message travels in frames. The first byte holds <b>FIN</b> (the last "
                               "frame of a message), three reserved bits <b>RSV1–3</b> (zero unless an extension "
                               "gives them a meaning) and the 4-bit <b>opcode</b>: 0x1 text, 0x2 binary, 0x0 "
                               "continuation, 0x8 close, 0x9 ping, 0xA pong. The second byte holds <b>MASK</b> and "
                               "the payload length (RFC 6455 §5.2).</p>"
                               "<p>The <b>Frame</b> tab draws these bits as the RFC's diagram does; <b>Next "
                               "field</b> walks through them in the order a parser reads them.</p>"),
                  {QStringLiteral("RFC 6455 §5.2")},
                  {}};
    lesson.tasks = {
            inClientMode(task(QStringLiteral("header.frame"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send a text message from the page."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Type in the page's message box and press Send; select the new row marked C→S."),
             CheckKind::ClientFrame),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Type a message in the Chat pane and send it: wslab sends it masked, as a browser does.")),
            task(QStringLiteral("header.step"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Step through a frame with Next field up to its payload."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Select a frame, then press Next field in the Frame tab until the payload is highlighted."),
             CheckKind::StepThroughFrame),
            task(QStringLiteral("header.mask"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the bit diagram, click the bit that says whether the payload is masked."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "It is the first bit of the second byte."),
             CheckKind::FieldClicked, 0, {FieldId::Mask}),
            task(QStringLiteral("header.opcode"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Click the opcode: the four bits that say what kind of frame it is."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "They end the first byte, after RSV3. The Opcode column of the frames table reads them for you."),
             CheckKind::FieldClicked, 0, {FieldId::Opcode}),
    };
    return lesson;
}

Lesson length()
{
    Lesson lesson{QStringLiteral("length"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Payload length"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>The length has three forms and the sender must use the shortest (RFC 6455 "
                               "§5.2). Up to 125 bytes it sits in the 7 bits after MASK. For 126 to 65,535 bytes "
                               "those 7 bits say 126 and the next 16 bits hold the length; beyond that they say 127 "
                               "and the next 64 bits hold it (the most significant bit must be 0).</p>"
                               "<p>The page's <b>Large message</b> tool sends 100 B, 1 KiB or 70 KiB. Keep "
                               "compression off, or the browser sends fewer bytes than you chose.</p>"),
                  {QStringLiteral("RFC 6455 §5.2")},
                  {}};
    lesson.tasks = {
            inClientMode(task(QStringLiteral("length.7"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send 100 B: the length fits in 7 bits."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Large message, 100 B, Send. The Length column says (7)."),
             CheckKind::ClientLength7),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Large tab: send 100 B.")),
            inClientMode(task(QStringLiteral("length.16"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send 1 KiB: the 16-bit extended length."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Large message, 1 KiB. The 7-bit field holds 126; the bit diagram shows the 16 bits after it."),
             CheckKind::ClientLength16),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Large tab: send 1 KiB.")),
            inClientMode(task(QStringLiteral("length.64"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send 70 KiB: the 64-bit extended length."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Large message, 70 KiB. 71,680 is more than 65,535, so the 7-bit field holds 127."),
             CheckKind::ClientLength64),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Large tab: send 70 KiB.")),
            task(QStringLiteral("length.click"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the bit diagram, click the field that holds the payload length."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Select a frame; the length follows the MASK bit in the second byte (and, for long "
                          "payloads, the extended length after it)."),
             CheckKind::FieldClicked, 0,
             {FieldId::PayloadLength, FieldId::ExtendedPayloadLength16, FieldId::ExtendedPayloadLength64}),
    };
    return lesson;
}

Lesson masking()
{
    Lesson lesson{QStringLiteral("masking"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Masking"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>Every frame a client sends is masked: MASK is 1, four random bytes of "
                               "<b>masking key</b> follow the length, and each payload byte is XORed with key byte "
                               "i mod 4 (RFC 6455 §5.3). The point is not secrecy, since the key travels with "
                               "the data, but to stop a page from choosing the bytes on the wire and fooling proxies "
                               "that misread them (§10.3).</p>"
                               "<p>XOR is its own inverse: the same key unmasks. The <b>Unmasking</b> tab of the "
                               "Frame panel shows each step; do the first four by hand first.</p>"),
                  {QStringLiteral("RFC 6455 §5.3"), QStringLiteral("RFC 6455 §10.3")},
                  {}};
    lesson.tasks = {
            task(QStringLiteral("masking.key"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the bit diagram of a browser frame, click the masking key."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The 32 bits right after the length."),
             CheckKind::FieldClicked, 0, {FieldId::MaskingKey}),
            task(QStringLiteral("masking.xor"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Unmask these four bytes: type the results in hex."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "XOR each masked byte with the key byte in the same position: 0x7f XOR 0x37 = 0x48. The "
                          "Windows or GNOME calculator in programmer mode does XOR."),
             CheckKind::XorAnswer),
    };
    return lesson;
}

Lesson serverFrames()
{
    Lesson lesson{QStringLiteral("server"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Server frames"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>A server never masks: its frames have MASK = 0 and no key, and a client that "
                               "receives a masked frame must fail the connection (RFC 6455 §5.1, §7.1.7). "
                               "Otherwise the format is the one you know: FIN, opcode, the shortest length form, "
                               "the payload.</p>"
                               "<p>The <b>Composer</b> builds a frame field by field and sends its bytes as they are, "
                               "valid or not, to a connection you choose.</p>"),
                  {QStringLiteral("RFC 6455 §5.1"), QStringLiteral("RFC 6455 §5.2"), QStringLiteral("RFC 6455 §7.1.7")},
                  {}};
    lesson.tasks = {
            inClientMode(task(QStringLiteral("server.frame"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Build an unmasked text frame in the Composer and send it to the page."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the Composer, choose opcode 0x1 text, leave MASK off, type a payload and press Send."),
             CheckKind::ServerDataFrame),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send a message from the Chat pane: the server's answer, if it sends one, is such a frame.")),
            embeddedOnly(task(QStringLiteral("server.masked"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Now send a masked one and watch the browser fail the connection."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Tick MASK in the Composer and send. The browser closes with 1002 (protocol error) and "
                          "the page reconnects."),
             CheckKind::MaskedServerFrameFailed)),
    };
    return lesson;
}

Lesson fragments()
{
    Lesson lesson{QStringLiteral("fragments"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Fragmentation and control frames"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>A message may be split into fragments: the first frame carries the opcode with "
                               "FIN = 0, continuation frames (opcode 0x0) follow, and the last has FIN = 1 (RFC 6455 "
                               "§5.4). A sender can start a message before it knows its length.</p>"
                               "<p>Control frames (close, ping, pong) are never fragmented, carry at most 125 bytes "
                               "and may come between the fragments of a message (§5.5). A pong answers a ping with "
                               "the same payload; the Chat pane shows the round-trip time.</p>"),
                  {QStringLiteral("RFC 6455 §5.4"), QStringLiteral("RFC 6455 §5.5.2"), QStringLiteral("RFC 6455 §5.5.3")},
                  {}};
    lesson.tasks = {
            embeddedOnly(task(QStringLiteral("fragments.sent"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send a message to the page in three fragments."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the Chat pane set Fragments to 3 and send. Select a fragment: the Frame panel lists the "
                          "others of its message."),
             CheckKind::FragmentedMessageSent)),
            inClientMode(task(QStringLiteral("fragments.ping"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Ping the page and read the round-trip time of its pong."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Ping tab: the browser answers by itself; pages cannot send pings."),
             CheckKind::PingAnswered),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Ping tab: the server answers with a pong.")),
            task(QStringLiteral("fragments.control"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Put a control frame between the fragments of a message."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "In the Composer send a text frame with FIN off, then a ping, then a continuation frame "
                          "with FIN on."),
             CheckKind::ControlBetweenFragments),
    };
    return lesson;
}

Lesson closing()
{
    Lesson lesson{QStringLiteral("closing"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Closing"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>Either side may start the <b>closing handshake</b> with a close frame whose "
                               "payload is a 2-byte status code and an optional UTF-8 reason; the other side "
                               "answers with a close frame of its own, and then the server closes the TCP connection "
                               "(RFC 6455 §5.5.1, §7.1.1, §7.1.2).</p>"
                               "<p>Codes 1000–2999 are defined by the RFC and its registry, 4000–4999 are for "
                               "applications (§7.4). The connection's last row says who closed first.</p>"),
                  {QStringLiteral("RFC 6455 §5.5.1"), QStringLiteral("RFC 6455 §7.1.2"), QStringLiteral("RFC 6455 §7.4")},
                  {}};
    lesson.tasks = {
            embeddedOnly(task(QStringLiteral("closing.sent"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Close a connection from the app with code 4000 and a reason."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Close tab: code 4000, any reason. The page shows both and reconnects."),
             CheckKind::CloseSent, 4000)),
            inClientMode(task(QStringLiteral("closing.received"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Close from the page with code 4000."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The page's Close tool sends a close frame with the code and reason you type."),
             CheckKind::CloseReceived, 4000),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Chat pane, Close tab: code 4000. wslab, the client, sends the close frame.")),
            inClientMode(task(QStringLiteral("closing.server"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Find a connection the server closed first."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The close from the Chat pane does it: its Closed row says the server started."),
             CheckKind::ServerClosedFirst),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send a broken frame from the Composer: a server that fails the connection closes first.")),
            inClientMode(task(QStringLiteral("closing.client"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Find a connection the browser closed first."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "The close from the page, or reloading it, does it."),
             CheckKind::ClientClosedFirst),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Close from the Chat pane: wslab, the client, starts the closing handshake.")),
    };
    return lesson;
}

Lesson compression()
{
    Lesson lesson{QStringLiteral("compression"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Compression"),
                  QT_TRANSLATE_NOOP("wslab::app::LessonPath", "<p>With <b>permessage-deflate</b> (RFC 7692) both sides agree in the handshake to "
                               "compress each message with DEFLATE. The first frame of a compressed message has "
                               "<b>RSV1</b> set (§6); the four bytes 00 00 ff ff that end every compressed block "
                               "are left out (§7.2.1).</p>"
                               "<p>Switch <b>Compression</b> on in the toolbar and reload the page: the frames get "
                               "shorter, the XOR no longer gives back your text, and the <b>Inflated</b> tab of the "
                               "Payload view shows the message as the application gets it.</p>"),
                  {QStringLiteral("RFC 7692 §5"), QStringLiteral("RFC 7692 §6"), QStringLiteral("RFC 7692 §7.2")},
                  {}};
    lesson.tasks = {
            inClientMode(task(QStringLiteral("compression.rsv1"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Send a compressed message: a frame with RSV1 set."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Compression on in the toolbar, reload the page, send a message. Compare the Length column "
                          "with the inflated size."),
             CheckKind::CompressedFrame),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Connect with permessage-deflate offered (New Client Connection), then send a message.")),
            inClientMode(task(QStringLiteral("compression.off"), QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Turn compression off again and reconnect without it."),
             QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Compression off in the toolbar, reload the page: the 101 no longer names "
                          "permessage-deflate. Send the same message and compare its length."),
             CheckKind::PlainAfterCompressed),
                         QT_TRANSLATE_NOOP("wslab::app::LessonPath", "Connect again without offering permessage-deflate, then send the same message.")),
    };
    return lesson;
}

} // namespace

QList<Lesson> LessonPath::standard()
{
    return {transports(), handshake(), header(), length(), masking(), serverFrames(), fragments(), closing(),
            compression()};
}

QString LessonPath::text(const char *source)
{
    return QCoreApplication::translate("wslab::app::LessonPath", source);
}

} // namespace wslab::app
