#pragma once

#include "capturerecord.h"
#include "socketaddress.h"

#include <QByteArrayView>

namespace wslab::capture {

// What the TCP layer (a capture file's reassembler, a proxy's relay) hands to whatever dissects the
// conversations: for each connection, the bytes of each direction in order, with the time they
// were seen, and what is known to be missing. Times are nanoseconds since the Unix epoch for files.
class ConversationSink
{
public:
    virtual ~ConversationSink() = default;

    // A new connection. `client` opened it (sent the SYN), or, for a connection whose start was not
    // captured, is the side the TCP layer judged to be the client (see TcpReassembler).
    // `sawOpening` is false when the capture began after the connection was set up.
    virtual void connectionOpened(quint64 connectionId, const SocketAddress &client, const SocketAddress &server,
                                  qint64 timeNs, bool sawOpening) = 0;
    // The next bytes of one direction, contiguous with what came before.
    virtual void bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes, qint64 timeNs) = 0;
    // `length` bytes of one direction were never captured (a lost segment, a snaplen cut); the next
    // bytesReceived() continues after them.
    virtual void bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs) = 0;
    // One direction ended: FIN, or RST (`reset`, which also ends the other direction).
    virtual void directionEnded(quint64 connectionId, Direction direction, bool reset, qint64 timeNs) = 0;
    // Nothing more will come for this connection (both ends finished, a reset, or the end of the
    // file). Called exactly once per opened connection.
    virtual void connectionClosed(quint64 connectionId, qint64 timeNs) = 0;
};

} // namespace wslab::capture
