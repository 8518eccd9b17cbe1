#pragma once

#include "server/protocol/headerlayout.h"

#include <QList>
#include <QString>

namespace wslab::app {

// What makes a task done. Traffic kinds are decided by TaskCheck from the capture as it arrives;
// the others by what the learner does in the views (AnswerCheck for typed answers and clicks).
enum class CheckKind : quint8 {
    // Traffic (TaskCheck)
    PollingRequest,           // a GET /poll
    LongPollingRequest,       // a GET /longpoll
    SideRoomRequest,          // a request for a side room (room=NAME), as the auto demo makes
    WebSocketOpened,          // an upgrade answered 101 with the right accept (RFC 6455 §4.2.2)
    HandshakeRefused,         // an upgrade answered wrongly: 200, no Upgrade, wrong accept (§4.1)
    ClientFrame,              // a masked data frame from a client (§5.3)
    ClientLength7,            // ... whose length fits the 7-bit field (§5.2)
    ClientLength16,           // ... with the 16-bit extended length
    ClientLength64,           // ... with the 64-bit extended length
    ServerDataFrame,          // an unmasked data frame from the server (§5.1)
    MaskedServerFrameFailed,  // a masked server frame, then the connection ends (§5.1)
    FragmentedMessageSent,    // a message in two or more frames, server to client (§5.4)
    FragmentedMessageReceived,// the same, client to server
    PingAnswered,             // a ping and the pong answering it (§5.5.2, §5.5.3)
    ControlBetweenFragments,  // a control frame inside a fragmented message (§5.4)
    CloseReceived,            // a close frame from the client, with `closeCode` (0: any) (§5.5.1)
    CloseSent,                // a close frame from the server, with `closeCode` (0: any)
    ClientClosedFirst,        // the client started the closing handshake (§7.1.2)
    ServerClosedFirst,        // the server started it
    CompressedFrame,          // RSV1 on a data frame: permessage-deflate (RFC 7692 §6)
    PlainAfterCompressed,     // after a compressed frame, a connection opened without the extension
    // The learner in the views
    FieldClicked,             // a click on one of `fields` in the bit diagram
    StepThroughFrame,         // Next field walked to the last step of a frame
    XorAnswer,                // typed: the four unmasked bytes of a captured frame (§5.3)
    AcceptAnswer,             // typed: Sec-WebSocket-Accept for a given key (§4.2.2)
};

[[nodiscard]] constexpr bool isTrafficCheck(CheckKind kind) noexcept
{
    return kind < CheckKind::FieldClicked;
}

[[nodiscard]] constexpr bool isTypedAnswer(CheckKind kind) noexcept
{
    return kind == CheckKind::XorAnswer || kind == CheckKind::AcceptAnswer;
}

// Whether a task's instructions can be followed in every connection mode, or only with the
// embedded server's chat page and tools (its transports, the Handshake Lab, the server-side Chat
// pane and Composer).
enum class TaskReach : quint8 { AnyMode, EmbeddedServerOnly };

// Texts are English source strings marked with QT_TRANSLATE_NOOP in the "wslab::app::LessonPath"
// context; the views translate them when they show them, so a language switch needs no rebuild.
struct LessonTask
{
    QString id;           // stable: the key of its progress ("frames.length16")
    const char *text = "";
    const char *hint = "";
    CheckKind kind = CheckKind::ClientFrame;
    quint16 closeCode = 0;                  // CloseReceived / CloseSent: 0 = any code
    QList<protocol::FieldId> fields;        // FieldClicked: any of these is right
    TaskReach reach = TaskReach::AnyMode;
    const char *clientHint = "";            // how to do it in client mode, if not as the text says
};

struct Lesson
{
    QString id;
    const char *title = "";
    const char *text = ""; // rich text
    QStringList references; // "RFC 6455 §5.2"
    QList<LessonTask> tasks;
};

} // namespace wslab::app
