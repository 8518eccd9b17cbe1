// TcpReassembler (and PacketDecoder under it): packets of any link type, or TCP segments given field
// by field, in any order, turned into the byte streams of each connection for a ConversationSink.
//   input: [options] then packets, each [kind] [length: 2 bytes] bytes
//   kind: bit 7 clear: a captured packet, bits 0-3 pick the link type, bits 4-6 bytes the snaplen
//   cut off; bit 7 set: a segment, its bytes [flags] [ports] [sequence: 4] [acknowledgement: 4]
//   payload, bits 0-1 which of two clients, bit 2 from the server
//   options: bits 0-1 a small out-of-order buffer limit, bit 2 port 8002 is a server port
// Properties (the sink checks them): a connection is opened once, hears nothing after its close,
// and is closed exactly once; every open connection is closed by finish().

#include "fuzzinput.h"

#include "capture/tcpreassembler.h"

#include <QHash>

#include <algorithm>

using namespace wslab::capture;
using wslab::fuzz::require;

namespace {

class CheckingSink final : public ConversationSink
{
public:
    void connectionOpened(quint64 id, const SocketAddress &client, const SocketAddress &server, qint64,
                          bool) override
    {
        require(!m_state.contains(id), "a connection is opened once");
        require(client.isValid() && server.isValid(), "both ends are known");
        m_state.insert(id, Open);
    }
    void bytesReceived(quint64 id, Direction direction, QByteArrayView bytes, qint64) override
    {
        requireOpen(id, direction);
        require(!bytes.isEmpty(), "no empty delivery");
    }
    void bytesMissing(quint64 id, Direction direction, quint64 length, qint64) override
    {
        requireOpen(id, direction);
        require(length > 0, "no empty gap");
    }
    void directionEnded(quint64 id, Direction direction, bool, qint64) override { requireOpen(id, direction); }
    void connectionClosed(quint64 id, qint64) override
    {
        require(m_state.value(id, Unknown) == Open, "a connection is closed once, after its opening");
        m_state[id] = Closed;
    }
    [[nodiscard]] bool allClosed() const
    {
        return std::all_of(m_state.cbegin(), m_state.cend(), [](int state) { return state == Closed; });
    }

private:
    enum State { Unknown, Open, Closed };
    void requireOpen(quint64 id, Direction) const
    {
        require(m_state.value(id, Unknown) == Open, "bytes only for an open connection");
    }
    QHash<quint64, int> m_state;
};

constexpr int linkTypes[] = {linktype::Null, linktype::Ethernet, linktype::RawDlt12, linktype::RawDlt14,
                             linktype::Raw, linktype::Loop, linktype::LinuxSll, linktype::Ipv4,
                             linktype::Ipv6, linktype::LinuxSll2, 147 /* a user link type */};

quint32 read32(QByteArrayView bytes, qsizetype at)
{
    quint32 value = 0;
    for (qsizetype i = at; i < at + 4; ++i)
        value = value << 8 | (i < bytes.size() ? quint8(bytes[i]) : 0);
    return value;
}

TcpSegment segmentFrom(quint8 kind, QByteArrayView bytes)
{
    const SocketAddress client = SocketAddress::ipv4(0x7f000001, kind & 1 ? 50001 : 50000);
    const SocketAddress server = SocketAddress::ipv4(0x7f000001, kind & 2 ? 9000 : 8002);
    TcpSegment segment;
    const bool fromServer = kind & 4;
    segment.source = fromServer ? server : client;
    segment.destination = fromServer ? client : server;
    segment.flags = bytes.isEmpty() ? 0 : quint8(bytes[0]) & 0x1f;
    segment.sequence = read32(bytes, 1);
    segment.acknowledgement = read32(bytes, 5);
    segment.payload = bytes.size() > 9 ? bytes.sliced(9) : QByteArrayView();
    segment.missingPayloadBytes = (kind >> 3) & 7;
    return segment;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    TcpReassembler::Options reassemblerOptions;
    constexpr qsizetype limits[] = {4 << 20, 16, 1000, 0};
    reassemblerOptions.directionBufferLimit = limits[options & 3];
    reassemblerOptions.totalBufferLimit = limits[options & 3] * 2;
    if (options & 4)
        reassemblerOptions.serverPorts.insert(8002);
    reassemblerOptions.connectionLimit = 4;

    CheckingSink sink;
    {
        TcpReassembler reassembler(sink, reassemblerOptions);
        qint64 time = 1'700'000'000'000'000'000;
        while (!input.rest().isEmpty()) {
            const quint8 kind = input.takeByte();
            const QByteArrayView bytes = input.take(input.takeUint16());
            time += 1000;
            if (kind & 0x80) {
                reassembler.addSegment(segmentFrom(kind, bytes), time);
            } else {
                const quint32 cut = (kind >> 4) & 7;
                reassembler.addPacket(linkTypes[(kind & 0x0f) % std::size(linkTypes)], bytes,
                                      quint32(bytes.size()) + cut * 100, time);
            }
            require(reassembler.bufferedBytes() <= reassemblerOptions.totalBufferLimit,
                    "out-of-order bytes held stay within the limit");
        }
        reassembler.finish(time + 1);
        require(reassembler.bufferedBytes() == 0, "finish() lets go of every buffered byte");
    }
    require(sink.allClosed(), "finish() closes every connection");
    return 0;
}
