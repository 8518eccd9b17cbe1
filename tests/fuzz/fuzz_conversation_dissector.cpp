// The passive dissector (ConversationDissector) fed the two byte streams of one TCP connection, as a
// capture file's reassembler or a relay hands them over: bytes of either direction in any
// interleaving, gaps, one direction ending, then the close. The same events are fed again with
// every piece of bytes cut smaller.
//   input: [options] [splits] then events, each [kind] [length: 2 bytes] bytes
//   options: bit 0 decode as WebSocket from the first byte; kind: bits 0-1 client bytes, server
//   bytes, a gap in the client or server direction (bit 2), a direction ends (bit 3 with bit 0)
// Properties: the records are the same whatever the cut; each names this connection; a frame
// record's wire bytes read back as that frame; one ConnectionOpened first, one ConnectionClosed last.

#include "fuzzinput.h"

#include "capture/conversationdissector.h"

#include "server/protocol/framedecoder.h"

using namespace wslab::capture;
using wslab::fuzz::require;

namespace {

constexpr quint64 connectionId = 7;

struct Event
{
    quint8 kind = 0;
    QByteArrayView bytes;
};

CaptureBatch dissect(const QList<Event> &events, const ConversationDissector::Options &options, QByteArrayView splits)
{
    CaptureBatch records;
    ConversationDissector dissector(connectionId, options);
    dissector.open(SocketAddress::fromString(u"127.0.0.1:50000"), SocketAddress::fromString(u"127.0.0.1:8002"), 0,
                   records);
    qint64 time = 1;
    for (const Event &event : events) {
        const Direction direction = event.kind & 1 ? Direction::Outbound : Direction::Inbound;
        if (event.kind & 8)
            dissector.endDirection(direction, time, records);
        else if (event.kind & 4)
            dissector.skip(direction, quint64(event.bytes.size()), time, records);
        else
            for (const QByteArrayView piece : wslab::fuzz::cut(event.bytes, splits))
                dissector.feed(direction, piece, time, records);
        ++time;
    }
    dissector.close(time, records);
    return records;
}

bool sameRecord(const CaptureRecord &a, const CaptureRecord &b)
{
    return a.kind == b.kind && a.direction == b.direction && a.transport == b.transport && a.timeNs == b.timeNs
            && a.bytes() == b.bytes() && a.httpStatus == b.httpStatus && a.closeCode == b.closeCode
            && a.decodeError == b.decodeError && a.note == b.note && a.inflatedPayload == b.inflatedPayload;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    ConversationDissector::Options options;
    options.startAsWebSocket = input.takeByte() & 1;
    const QByteArrayView splits = input.takeSplits();
    QList<Event> events;
    while (!input.rest().isEmpty()) {
        Event event;
        event.kind = input.takeByte() & 0x0F;
        event.bytes = input.take(input.takeUint16());
        events.append(event);
    }

    const CaptureBatch whole = dissect(events, options, {});
    const CaptureBatch pieces = dissect(events, options, splits);
    require(whole.size() == pieces.size(), "the same number of records whatever the cut");
    for (qsizetype i = 0; i < whole.size(); ++i)
        require(sameRecord(whole.at(i), pieces.at(i)), "the same records whatever the cut");

    require(!whole.isEmpty() && whole.constFirst().kind == RecordKind::ConnectionOpened
                    && whole.constLast().kind == RecordKind::ConnectionClosed,
            "opened first, closed last");
    qsizetype opened = 0, closed = 0;
    for (const CaptureRecord &record : whole) {
        require(record.connectionId == connectionId, "every record names the connection");
        opened += record.kind == RecordKind::ConnectionOpened;
        closed += record.kind == RecordKind::ConnectionClosed;
        if (record.kind == RecordKind::Frame && record.frame) {
            const auto again = wslab::protocol::FrameDecoder::readFrame(record.frame->wireBytes());
            require(again && again->header == record.frame->header, "a frame record's bytes are that frame");
        }
    }
    require(opened == 1 && closed == 1, "one opening, one close");
    return 0;
}
