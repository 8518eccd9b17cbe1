#include "capturesummary.h"

#include "server/protocol/opcode.h"

#include <QStringList>

namespace wslab::capture {

using namespace protocol;

void CaptureSummary::add(const CaptureRecord &record)
{
    if (m_records++ == 0)
        m_firstNs = m_lastNs = record.timeNs;
    m_firstNs = std::min(m_firstNs, record.timeNs);
    m_lastNs = std::max(m_lastNs, record.timeNs);
    const int side = record.direction == Direction::Inbound ? 0 : 1;
    switch (record.kind) {
    case RecordKind::ConnectionOpened:
        ++m_connections;
        break;
    case RecordKind::HttpResponse:
        m_webSocketConnections += record.httpStatus == 101;
        Q_FALLTHROUGH();
    case RecordKind::HttpRequest:
        ++m_httpMessages[side];
        m_httpBytes[side] += quint64(record.isTruncated() ? record.truncatedFrom : record.wireBytes.size());
        break;
    case RecordKind::Frame:
        if (!record.frame)
            break;
        ++m_frames[side];
        ++m_byOpcode[side][quint8(record.frame->header.opcode) & 0xF];
        m_frameBytes[side] += quint64(record.frame->headerSize()) + record.frame->header.payloadLength;
        m_messages[side] += record.frame->header.fin && !isControl(record.frame->header.opcode);
        break;
    case RecordKind::ProtocolError:
        ++m_errors;
        break;
    case RecordKind::CaptureGap:
        ++m_gaps;
        break;
    case RecordKind::StreamGap:
        ++m_gaps;
        m_missedBytes += record.missed;
        break;
    case RecordKind::ConnectionClosed:
    case RecordKind::FrameDelivered:
        break;
    }
}

QString CaptureSummary::text() const
{
    const auto opcodes = [this](int side) {
        QStringList parts;
        for (int opcode = 0; opcode < 16; ++opcode) {
            if (m_byOpcode[size_t(side)][size_t(opcode)] > 0)
                parts.append(QStringLiteral("%1 %2").arg(QLatin1String(opcodeName(Opcode(opcode))))
                                     .arg(m_byOpcode[size_t(side)][size_t(opcode)]));
        }
        return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
    };
    QStringList lines;
    lines << QStringLiteral("records: %1").arg(m_records)
          << QStringLiteral("connections: %1 (WebSocket: %2)").arg(m_connections).arg(m_webSocketConnections)
          << QStringLiteral("frames: %1 (c2s %2, s2c %3)").arg(frames()).arg(m_frames[0]).arg(m_frames[1])
          << QStringLiteral("frames c2s by opcode: %1").arg(opcodes(0))
          << QStringLiteral("frames s2c by opcode: %1").arg(opcodes(1))
          << QStringLiteral("messages: %1 (c2s %2, s2c %3)").arg(messages()).arg(m_messages[0]).arg(m_messages[1])
          << QStringLiteral("frame bytes: %1 (c2s %2, s2c %3)")
                     .arg(m_frameBytes[0] + m_frameBytes[1]).arg(m_frameBytes[0]).arg(m_frameBytes[1])
          << QStringLiteral("HTTP messages: %1 (requests %2, responses %3), %4 bytes")
                     .arg(m_httpMessages[0] + m_httpMessages[1]).arg(m_httpMessages[0]).arg(m_httpMessages[1])
                     .arg(m_httpBytes[0] + m_httpBytes[1])
          << QStringLiteral("errors: %1").arg(m_errors)
          << QStringLiteral("gaps: %1 (%2 bytes not captured)").arg(m_gaps).arg(m_missedBytes)
          << QStringLiteral("time span: %1 s").arg(double(m_lastNs - m_firstNs) / 1e9, 0, 'f', 6);
    return lines.join(u'\n');
}

} // namespace wslab::capture
