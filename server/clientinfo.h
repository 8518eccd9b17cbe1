#pragma once

#include "capture/capturerecord.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace wslab::server {

// A connected chat client as the chat pane lists it.
struct ClientInfo
{
    quint64 connectionId = 0;
    QString nick;
    QString peerAddress; // "127.0.0.1:53412"
    QString path;        // "/chatsocket", "/echo", "/longpoll" ...
    capture::Transport transport = capture::Transport::WebSocket;
    QString room;        // the side room it chats in (WebSocketServer::chatRoom()); empty: the main room
    QDateTime connectedSince;
    quint64 framesIn = 0;
    quint64 framesOut = 0;
};

// One line of the shared conversation (ChatRoom history), whatever transport it came by.
struct ChatEntry
{
    enum class Kind : quint8 { Message, Join, Leave, Nick, System };
    quint64 seq = 0;
    Kind kind = Kind::Message;
    QString from;
    QString text;
    qint64 timeMs = 0; // ms since the epoch (the page computes delivery latency from it)
};

} // namespace wslab::server

Q_DECLARE_METATYPE(wslab::server::ClientInfo)
Q_DECLARE_METATYPE(wslab::server::ChatEntry)
