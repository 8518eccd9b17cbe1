#include "framecapturemodel.h"

#include "payloadpreview.h"
#include "sentences.h"

#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/headerlayout.h"
#include "server/protocol/httprequestparser.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>

#include <algorithm>
#include <limits>
#include <utility>

namespace wslab::inspector {

using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using capture::Transport;
namespace protocol = wslab::protocol;

namespace {

// Translucent fills read on light and dark palettes alike, so the model needs no palette.
const QColor heldBackground(255, 170, 0, 80);
const QColor errorBackground(230, 40, 40, 70);
const QColor interventionBackground(60, 120, 255, 70); // a row the proxy's intercept changed

constexpr qint64 nsPerMs = 1'000'000;

QString millis(qint64 ns)
{
    return QString::number(double(ns) / nsPerMs, 'f', 3);
}

} // namespace

FrameCaptureModel::FrameCaptureModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int FrameCaptureModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_store ? m_store->size() : int(m_records.size());
}

int FrameCaptureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void FrameCaptureModel::keepEveryRecord()
{
    Q_ASSERT(rowCount() == 0);
    if (m_store)
        return;
    m_store = std::make_unique<capture::RecordStore>();
    m_rowCap = std::numeric_limits<int>::max();
    m_byteBudget = std::numeric_limits<qint64>::max();
    m_payloadCap = std::numeric_limits<qint64>::max();
}

void FrameCaptureModel::setNextBatchSpilled(capture::SpilledBatch spilled)
{
    if (m_store)
        m_nextSpilled = std::move(spilled);
}

std::shared_ptr<const CaptureRecord> FrameCaptureModel::recordAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    if (m_store)
        return m_store->record(row);
    // Owns nothing: the deque keeps the record for as long as one call of the model needs it.
    return {std::shared_ptr<const CaptureRecord>(), &m_records[size_t(row)]};
}

std::shared_ptr<const CaptureRecord> FrameCaptureModel::sharedRecord(int row) const
{
    return m_store ? m_store->record(row) : std::make_shared<const CaptureRecord>(m_records[size_t(row)]);
}

CaptureRecord FrameCaptureModel::scannedRecord(int row) const
{
    return m_store ? m_store->readBack(row) : m_records[size_t(row)];
}

quint64 FrameCaptureModel::number(int row) const
{
    if (!m_store)
        return m_numbers[size_t(row)];
    if (m_store->digest(row).bookkeeping)
        return 0;
    const auto before = std::lower_bound(m_unnumberedRows.cbegin(), m_unnumberedRows.cend(), row);
    return quint64(row + 1) - quint64(before - m_unnumberedRows.cbegin());
}

capture::RecordDigest FrameCaptureModel::digest(int row) const
{
    return m_store ? m_store->digest(row) : capture::RecordDigest::of(m_records[size_t(row)]);
}

qint64 FrameCaptureModel::timeNsAt(int row) const
{
    return m_store ? m_store->digest(row).timeNs : m_records[size_t(row)].timeNs;
}

quint64 FrameCaptureModel::idAt(int row) const
{
    return m_store ? m_store->digest(row).id : m_records[size_t(row)].id;
}

qint64 FrameCaptureModel::heldRecordBytes() const
{
    return m_store ? m_store->cachedBytes() : m_storedBytes;
}

int FrameCaptureModel::rowForId(quint64 id) const
{
    // Records arrive in capture order and ids count up, so the rows are sorted by id.
    int low = 0;
    int high = rowCount();
    while (low < high) {
        const int middle = low + (high - low) / 2;
        if (idAt(middle) < id)
            low = middle + 1;
        else
            high = middle;
    }
    return low < rowCount() && idAt(low) == id ? low : -1;
}

bool FrameCaptureModel::isPendingHeld(int row) const
{
    return !m_pendingHeld.isEmpty() && m_pendingHeld.contains(idAt(row));
}

DeflateFacts FrameCaptureModel::deflateFacts(int row) const
{
    const auto shared = recordAt(row);
    const CaptureRecord &r = *shared;
    DeflateFacts facts = DeflatePreview::factsOf(r);
    if (m_deflatedSizes.isEmpty() || r.decodeError)
        return facts;
    const auto found = m_deflatedSizes.constFind(r.id);
    if (found != m_deflatedSizes.cend()) {
        facts.compressed = true;
        facts.deflatedSize = *found;
    }
    return facts;
}

QString FrameCaptureModel::rowSummary(int row) const
{
    return summaryText(*recordAt(row), deflateFacts(row));
}

QVariant FrameCaptureModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // What the digest tells is answered without the record, which may have to be read back.
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole: return displayData(*recordAt(row), row, index.column());
    case Qt::ToolTipRole: return toolTipData(*recordAt(row), row, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case NumberColumn:
        case TimeColumn:
        case DeltaColumn:
        case LengthColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case FinColumn:
        case RsvColumn:
        case MaskColumn:
        case DirectionColumn: return QVariant::fromValue(Qt::AlignCenter);
        default: return {};
        }
    case Qt::BackgroundRole:
        if (isPendingHeld(row))
            return QBrush(heldBackground);
        if (recordAt(row)->intervention) // rare; the row's text reads the record anyway
            return QBrush(interventionBackground);
        if (isError(digest(row)))
            return QBrush(errorBackground);
        return {};
    case RecordRole: return QVariant::fromValue(*recordAt(row));
    case RecordIdRole: return QVariant::fromValue(idAt(row));
    case ConnectionIdRole: return QVariant::fromValue(digest(row).connectionId);
    case DirectionRole: return int(digest(row).direction);
    case KindRole: return int(digest(row).kind);
    case OpcodeRole: return int(digest(row).opcode);
    case HeldRole: return isPendingHeld(row);
    case ErrorRole: return isError(digest(row));
    case TimeNsRole: return QVariant::fromValue(timeNsAt(row));
    default: return {};
    }
}

QVariant FrameCaptureModel::displayData(const CaptureRecord &r, int row, int column) const
{
    const auto &frame = r.frame;
    switch (column) {
    case NumberColumn: return number(row) > 0 ? QString::number(number(row)) : QString();
    case TimeColumn: return millis(r.timeNs - m_timeOriginNs);
    case DeltaColumn:
        return row > 0 ? millis(r.timeNs - timeNsAt(row - 1)) : QString();
    case ConnectionColumn: return connectionText(r.connectionId);
    case DirectionColumn:
        if (r.kind == RecordKind::ConnectionOpened || r.kind == RecordKind::ConnectionClosed)
            return QString();
        return directionText(r.direction);
    case TransportColumn: return transportText(r.transport);
    case FinColumn: return frame ? QString::number(int(frame->header.fin)) : QString();
    case RsvColumn:
        if (!frame)
            return QString();
        return QStringLiteral("%1%2%3").arg(int(frame->header.rsv1)).arg(int(frame->header.rsv2))
                .arg(int(frame->header.rsv3));
    case OpcodeColumn:
        if (!frame)
            return kindText(r);
        return QStringLiteral("0x%1 %2").arg(quint8(frame->header.opcode), 0, 16)
                .arg(QLatin1StringView(protocol::opcodeName(frame->header.opcode)));
    case MaskColumn: return frame ? QString::number(int(frame->header.masked)) : QString();
    case LengthColumn: {
        if (!frame)
            return r.wireBytes.isEmpty() ? QString() : QString::number(r.wireBytes.size());
        const int tier = frame->header.lengthForm == protocol::LengthForm::Short7 ? 7
                : frame->header.lengthForm == protocol::LengthForm::Extended16 ? 16 : 64;
        return QStringLiteral("%1 (%2)").arg(frame->header.payloadLength).arg(tier);
    }
    case SummaryColumn:
        if (isPendingHeld(row))
            return tr("[held] %1").arg(rowSummary(row));
        if (r.intervention)
            return QStringLiteral("%1 %2").arg(interventionTag(r.intervention->action), rowSummary(row));
        return rowSummary(row);
    default: return {};
    }
}

QVariant FrameCaptureModel::toolTipData(const CaptureRecord &r, int row, int column) const
{
    switch (column) {
    case TimeColumn:
    case DeltaColumn:
        if (row == 0)
            return tr("%1 ms since the first record").arg(millis(r.timeNs - m_timeOriginNs));
        return tr("%1 ms since the first record, %2 ms after the previous record")
                .arg(millis(r.timeNs - m_timeOriginNs), millis(r.timeNs - timeNsAt(row - 1)));
    case LengthColumn:
        if (!r.frame)
            return tr("%1 bytes on the wire").arg(r.wireBytes.size());
        switch (r.frame->header.lengthForm) {
        case protocol::LengthForm::Short7:
            return tr("7-bit length: len ≤ 125 fits in the payload len field (RFC 6455 §5.2)");
        case protocol::LengthForm::Extended16:
            return tr("16-bit length: payload len = 126, the next 16 bits hold the length (RFC 6455 §5.2)");
        case protocol::LengthForm::Extended64:
            return tr("64-bit length: payload len = 127, the next 64 bits hold the length (RFC 6455 §5.2)");
        }
        return {};
    case SummaryColumn:
        if (isPendingHeld(row))
            return tr("Held by step mode: captured, not yet delivered to the chat room");
        if (r.frame && r.held)
            return tr("Held by step mode, then delivered");
        if (r.intervention)
            return interventionToolTip(r.intervention->action);
        return rowSummary(row);
    default: return {};
    }
}

QVariant FrameCaptureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        // What each column holds; the titles shortened to keep every column in a narrow window
        // in full here.
        switch (section) {
        case NumberColumn: return tr("Rows in capture order, from 1 (the page's /stats bookkeeping takes no number)");
        case TimeColumn: return tr("Milliseconds since the first record of the capture (Clear Capture starts again at 0)");
        case DeltaColumn: return tr("Milliseconds since the row before");
        case ConnectionColumn: return tr("Connection");
        case DirectionColumn: return tr("Direction: C→S from the client to the server, S→C back");
        default: return {};
        }
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section); // the whole title, where a narrow window elides it
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("No.");
    case TimeColumn: return tr("Time (ms)", "since the first record");
    case DeltaColumn: return tr("Δ (ms)");
    case ConnectionColumn: return tr("Conn.", "short for connection");
    case DirectionColumn: return tr("Dir.", "short for direction");
    case TransportColumn: return tr("Transport");
    case FinColumn: return tr("FIN");
    case RsvColumn: return tr("RSV");
    case OpcodeColumn: return tr("Opcode");
    case MaskColumn: return tr("MASK");
    case LengthColumn: return tr("Length");
    case SummaryColumn: return tr("Summary");
    default: return {};
    }
}

QString FrameCaptureModel::headerToolTip(int section) const
{
    if (section == TimeColumn)
        return tr("Time (ms): milliseconds since the first record of this capture");
    return headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
}

QHash<int, QByteArray> FrameCaptureModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(RecordRole, "record");
    names.insert(RecordIdRole, "recordId");
    names.insert(ConnectionIdRole, "connectionId");
    names.insert(DirectionRole, "direction");
    names.insert(KindRole, "kind");
    names.insert(OpcodeRole, "opcode");
    names.insert(HeldRole, "held");
    names.insert(ErrorRole, "error");
    names.insert(TimeNsRole, "timeNs");
    return names;
}

QString FrameCaptureModel::connectionName(quint64 connectionId) const
{
    return m_connectionNames.value(connectionId);
}

QString FrameCaptureModel::connectionText(quint64 connectionId) const
{
    if (connectionId == 0)
        return QString();
    const QString name = m_connectionNames.value(connectionId);
    return name.isEmpty() ? QStringLiteral("#%1").arg(connectionId)
                          : QStringLiteral("#%1 %2").arg(connectionId).arg(name);
}

QString FrameCaptureModel::directionText(Direction direction)
{
    return direction == Direction::Inbound ? tr("C→S") : tr("S→C");
}

QString FrameCaptureModel::interventionTag(capture::FrameIntervention::Action action)
{
    switch (action) {
    case capture::FrameIntervention::Action::Edited: return tr("[edited]");
    case capture::FrameIntervention::Action::Dropped: return tr("[dropped]");
    case capture::FrameIntervention::Action::Injected: return tr("[injected]");
    }
    return {};
}

QString FrameCaptureModel::interventionToolTip(capture::FrameIntervention::Action action)
{
    switch (action) {
    case capture::FrameIntervention::Action::Edited:
        return tr("Edited by you in the Intercept pane: the receiver got this frame in place of the sender's "
                  "(the Original ↔ Forwarded tab shows both)");
    case capture::FrameIntervention::Action::Dropped:
        return tr("Dropped by you in the Intercept pane: the sender wrote it, the receiver never got it");
    case capture::FrameIntervention::Action::Injected:
        return tr("Injected by you in the Intercept pane: no sender wrote it");
    }
    return {};
}

QString FrameCaptureModel::transportText(Transport transport)
{
    switch (transport) {
    case Transport::WebSocket: return tr("WebSocket");
    case Transport::Polling: return tr("Polling");
    case Transport::LongPolling: return tr("Long polling");
    case Transport::Http: return tr("HTTP");
    }
    return {};
}

QString FrameCaptureModel::kindText(const CaptureRecord &r)
{
    switch (r.kind) {
    case RecordKind::ConnectionOpened: return tr("TCP open");
    case RecordKind::HttpRequest: return tr("HTTP request");
    case RecordKind::HttpResponse: return tr("HTTP %1").arg(r.httpStatus);
    case RecordKind::Frame: return tr("frame");
    case RecordKind::FrameDelivered: return tr("delivered");
    case RecordKind::ProtocolError: return tr("protocol error");
    case RecordKind::ConnectionClosed: return tr("TCP close");
    case RecordKind::CaptureGap: return tr("capture gap");
    case RecordKind::StreamGap: return tr("bytes missing");
    }
    return {};
}

bool FrameCaptureModel::isError(const CaptureRecord &r)
{
    return isError(capture::RecordDigest::of(r));
}

bool FrameCaptureModel::isError(const capture::RecordDigest &d)
{
    return d.kind == RecordKind::ProtocolError || d.kind == RecordKind::CaptureGap || d.kind == RecordKind::StreamGap
            || d.decodeError || (d.kind == RecordKind::HttpResponse && d.httpStatus >= 400);
}

QString FrameCaptureModel::summaryText(const CaptureRecord &r)
{
    return summaryText(r, DeflatePreview::factsOf(r));
}

QString FrameCaptureModel::summaryText(const CaptureRecord &r, const DeflateFacts &facts)
{
    QString text;
    switch (r.kind) {
    case RecordKind::Frame:
        // A compressed message reads as the application gets it, never as DEFLATE bytes (RFC 7692).
        text = DeflatePreview::summary(r, facts);
        if (text.isEmpty() && r.frame)
            text = PayloadPreview::frameSummary(*r.frame);
        break;
    case RecordKind::HttpRequest:
        text = PayloadPreview::requestSummary(r.wireBytes);
        // What it is comes first: the request line is long and the column cuts the end.
        if (r.bookkeeping)
            text = tr("[page stats, not chat] %1 — the chat page reports its traffic and latencies for the "
                      "Transports panel").arg(text);
        break;
    case RecordKind::HttpResponse:
        text = PayloadPreview::firstLine(r.wireBytes);
        if (r.bookkeeping)
            text = tr("[page stats, not chat] %1 — the answer to the page's traffic report").arg(text);
        break;
    case RecordKind::ConnectionOpened:
        text = tr("TCP connection opened by %1").arg(r.note);
        break;
    case RecordKind::ConnectionClosed:
        // HTTP has no close code: only a WebSocket connection's close says one (a failed upgrade
        // is recorded on the WebSocket transport, without a code).
        if (r.closeCode == 0 || r.transport != capture::Transport::WebSocket) {
            text = tr("TCP connection closed (HTTP, no close code)");
            break;
        }
        text = tr("TCP connection closed, close code %1 (%2)")
                       .arg(r.closeCode)
                       .arg(PayloadPreview::closeCodeName(r.closeCode));
        break;
    case RecordKind::FrameDelivered:
        text = tr("held frame #%1 delivered").arg(r.relatedId);
        break;
    case RecordKind::CaptureGap:
        return tr("%1 records not captured: the window fell behind the traffic").arg(r.missed);
    case RecordKind::StreamGap:
        return tr("%n bytes not captured", nullptr, int(qMin<quint64>(r.missed, INT_MAX)));
    case RecordKind::ProtocolError:
        text = r.decodeError ? PayloadPreview::errorText(*r.decodeError)
             : r.streamError ? QCoreApplication::translate(capture::streamErrorContext,
                                                           capture::streamErrorReason(*r.streamError))
                             : tr("protocol error");
        if (!r.note.isEmpty())
            text += QStringLiteral(" — ") + r.note;
        return text;
    }
    if (r.decodeError)
        text += QStringLiteral(" — ") + PayloadPreview::errorText(*r.decodeError);
    if (r.isTruncated())
        text = Sentences::joined({text, tr("(truncated from %1 bytes)").arg(r.truncatedFrom)});
    if (r.reconstructed)
        text = Sentences::joined({text, tr("(message from a HAR file: frame reconstructed, not from the wire)")});
    return text;
}

qint64 FrameCaptureModel::recordBytes(const CaptureRecord &r)
{
    // What a row keeps alive: its byte arrays plus the record itself. Shared QByteArray data is
    // counted once per record; that overestimates, which is the safe side for a budget.
    qint64 bytes = qint64(sizeof(CaptureRecord)) + r.wireBytes.size() + r.note.size() * 2;
    if (r.frame)
        bytes += r.frame->payload.size();
    if (r.inflatedPayload)
        bytes += r.inflatedPayload->size();
    return bytes;
}

void FrameCaptureModel::capPayload(CaptureRecord &r) const
{
    if (r.frame && r.frame->payload.size() > m_payloadCap) {
        if (!r.isTruncated())
            r.truncatedFrom = r.frame->payload.size();
        r.frame->payload = r.frame->payload.left(m_payloadCap);
    }
    if (r.wireBytes.size() > m_payloadCap) {
        if (!r.isTruncated())
            r.truncatedFrom = r.wireBytes.size();
        r.wireBytes = r.wireBytes.left(m_payloadCap);
    }
    if (r.inflatedPayload && r.inflatedPayload->size() > m_payloadCap) {
        if (r.inflatedSize < 0)
            r.inflatedSize = r.inflatedPayload->size();
        r.inflatedPayload = r.inflatedPayload->left(m_payloadCap);
    }
}

void FrameCaptureModel::trackDeflate(const CaptureRecord &r, QList<quint64> &grownFirstFrames)
{
    // RFC 7692 §6: RSV1 marks the first frame only, so whether a continuation frame carries DEFLATE
    // bytes is known from the frames before it on the same connection and direction.
    const quint64 inbound = r.connectionId * 2;
    if (r.kind == RecordKind::ConnectionClosed) {
        m_deflateStreams.remove(inbound);
        m_deflateStreams.remove(inbound + 1);
        return;
    }
    if (r.kind != RecordKind::Frame || !r.frame || !protocol::isData(r.frame->header.opcode))
        return;
    const quint64 key = inbound + (r.direction == Direction::Outbound ? 1 : 0);
    const protocol::FrameHeader &h = r.frame->header;
    const qint64 size = qint64(h.payloadLength);
    if (r.decodeError || h.opcode != protocol::Opcode::Continuation) {
        m_deflateStreams.remove(key); // a new message (or a failed stream) ends the previous one
        if (r.decodeError || !DeflatePreview::startsCompressedMessage(h))
            return;
        m_deflatedSizes.insert(r.id, size);
        if (!h.fin)
            m_deflateStreams.insert(key, {r.id, size});
        return;
    }
    const auto stream = m_deflateStreams.find(key);
    if (stream == m_deflateStreams.end())
        return;
    stream->deflatedSize += size;
    m_deflatedSizes.insert(r.id, stream->deflatedSize);
    // The first frame of an outgoing message holds the inflated message: its total grows too.
    m_deflatedSizes.insert(stream->firstId, stream->deflatedSize);
    grownFirstFrames.append(stream->firstId);
    if (h.fin)
        m_deflateStreams.erase(stream);
}

quint64 FrameCaptureModel::takeNumber(const CaptureRecord &r)
{
    // The page's bookkeeping is hidden by default: numbered, it would leave gaps in what the
    // learner sees, so it takes no number (CaptureRecord::bookkeeping).
    return r.bookkeeping ? 0 : m_nextNumber++;
}

void FrameCaptureModel::append(const CaptureRecord &record)
{
    appendBatch(capture::CaptureBatch{record});
}

void FrameCaptureModel::appendBatch(const capture::CaptureBatch &batch)
{
    // A FrameDelivered record does not become a row of its own: it only says that a held row has
    // gone on to the chat room, so it clears that row's mark. A second row per held frame would
    // double the table in step mode and separate the two halves of one story.
    if (m_store) {
        appendToStore(batch);
        return;
    }
    std::vector<CaptureRecord> incoming;
    incoming.reserve(size_t(batch.size()));
    QList<const CaptureRecord *> delivered;
    QList<quint64> grownFirstFrames;
    qint64 incomingBytes = 0;
    for (const CaptureRecord &r : batch) {
        if (r.kind == RecordKind::FrameDelivered) {
            delivered.append(&r);
            continue;
        }
        trackDeflate(r, grownFirstFrames);
        incoming.push_back(r);
        capPayload(incoming.back());
        incomingBytes += recordBytes(incoming.back());
    }

    // A batch larger than the caps keeps only its newest records.
    size_t skip = 0;
    while (incoming.size() - skip > 1
           && (incoming.size() - skip > size_t(m_rowCap) || incomingBytes > m_byteBudget)) {
        incomingBytes -= recordBytes(incoming[skip]);
        m_deflatedSizes.remove(incoming[skip].id);
        ++skip;
    }
    m_evicted += skip;
    for (size_t i = 0; i < skip; ++i)
        takeNumber(incoming[i]);

    evictFront(rowsOverBudget(incomingBytes, int(incoming.size() - skip)));

    if (incoming.size() > skip) {
        const int first = rowCount();
        const int last = first + int(incoming.size() - skip) - 1; // inclusive
        beginInsertRows({}, first, last);
        for (size_t i = skip; i < incoming.size(); ++i) {
            if (incoming[i].held && incoming[i].kind == RecordKind::Frame)
                m_pendingHeld.insert(incoming[i].id);
            m_numbers.push_back(takeNumber(incoming[i]));
            if (m_store)
                m_store->append(incoming[i]);
            else
                m_records.push_back(std::move(incoming[i]));
        }
        if (!m_store)
            m_storedBytes += incomingBytes;
        if (m_timeOriginNs < 0)
            m_timeOriginNs = timeNsAt(0);
        endInsertRows();
    }

    finishBatch(delivered, grownFirstFrames);
}

void FrameCaptureModel::appendToStore(const capture::CaptureBatch &batch)
{
    // Every record is kept and none is capped: each goes from the batch straight to the store,
    // without a copy of its own, or is taken where a spill already wrote it.
    const std::optional<capture::SpilledBatch> spilled = std::exchange(m_nextSpilled, std::nullopt);
    // The spilled records are some of the batch's, in its order: a record the spill did not take
    // (too large, or read after it failed) is in the batch whole. Called for every record of the
    // batch, rows or not: the index of its spilled place, or -1.
    size_t nextSpilled = 0;
    const auto spilledPlace = [&](const CaptureRecord &r) -> qsizetype {
        if (!spilled || !spilled->records || nextSpilled >= spilled->records->size()
            || (*spilled->records)[nextSpilled].digest.id != r.id)
            return -1;
        return qsizetype(nextSpilled++);
    };
    QList<const CaptureRecord *> delivered;
    QList<quint64> grownFirstFrames;
    const auto rows = std::count_if(batch.cbegin(), batch.cend(), [](const CaptureRecord &r) {
        return r.kind != RecordKind::FrameDelivered;
    });
    if (rows > 0) {
        const int first = rowCount();
        beginInsertRows({}, first, first + int(rows) - 1);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const CaptureRecord &r = batch[i];
            const qsizetype place = spilledPlace(r);
            if (r.kind == RecordKind::FrameDelivered) {
                delivered.append(&r); // whole: a spill does not drop its payloads
                continue;
            }
            trackDeflate(r, grownFirstFrames);
            if (r.held && r.kind == RecordKind::Frame)
                m_pendingHeld.insert(r.id);
            if (takeNumber(r) == 0)
                m_unnumberedRows.push_back(rowCount());
            if (place < 0 || m_store->appendSpilled(*spilled, size_t(place)) < 0)
                m_store->append(r); // as the batch has it
        }
        if (m_timeOriginNs < 0)
            m_timeOriginNs = timeNsAt(0);
        endInsertRows();
    } else {
        for (const CaptureRecord &r : batch)
            delivered.append(&r);
    }
    finishBatch(delivered, grownFirstFrames);
}

void FrameCaptureModel::finishBatch(const QList<const CaptureRecord *> &delivered,
                                    const QList<quint64> &grownFirstFrames)
{
    for (const CaptureRecord *r : delivered)
        markDelivered(*r);
    for (quint64 id : grownFirstFrames) {
        const int row = rowForId(id);
        if (row >= 0 && recordAt(row)->inflatedPayload)
            Q_EMIT dataChanged(index(row, SummaryColumn), index(row, SummaryColumn));
    }
}

int FrameCaptureModel::rowsOverBudget(qint64 incomingBytes, int incomingRows) const
{
    if (m_store)
        return 0; // keeps every record
    int evict = 0;
    qint64 bytes = m_storedBytes;
    const int size = int(m_records.size());
    while (evict < size
           && (size - evict + incomingRows > m_rowCap || bytes + incomingBytes > m_byteBudget)) {
        bytes -= recordBytes(m_records[size_t(evict)]);
        ++evict;
    }
    return evict;
}

void FrameCaptureModel::evictFront(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        const CaptureRecord &r = m_records.front();
        m_storedBytes -= recordBytes(r);
        if (!m_pendingHeld.isEmpty())
            m_pendingHeld.remove(r.id);
        if (!m_deflatedSizes.isEmpty())
            m_deflatedSizes.remove(r.id);
        m_records.pop_front();
    }
    m_numbers.erase(m_numbers.begin(), m_numbers.begin() + count);
    m_evicted += quint64(count);
    endRemoveRows();
}

void FrameCaptureModel::markDelivered(const CaptureRecord &delivered)
{
    const bool wasPending = m_pendingHeld.remove(delivered.relatedId);
    const int row = rowForId(delivered.relatedId);
    if (row < 0)
        return;
    // A held compressed message is inflated when it is delivered: the delivery record carries the
    // message, and it belongs on the row the learner looks at (see CaptureRecord::inflatedPayload).
    const bool inflated = delivered.inflatedPayload.has_value();
    if (inflated && m_store) {
        CaptureRecord held = *m_store->record(row);
        held.inflatedPayload = delivered.inflatedPayload;
        held.inflatedSize = delivered.inflatedSize;
        m_store->replace(row, held);
    } else if (inflated) {
        CaptureRecord &held = m_records[size_t(row)];
        m_storedBytes -= recordBytes(held);
        held.inflatedPayload = delivered.inflatedPayload;
        held.inflatedSize = delivered.inflatedSize;
        capPayload(held);
        m_storedBytes += recordBytes(held);
    }
    if (wasPending || inflated)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FrameCaptureModel::setRowCap(int cap)
{
    m_rowCap = std::max(1, cap);
    evictFront(rowsOverBudget(0, 0));
}

void FrameCaptureModel::setPayloadCap(qint64 bytes)
{
    m_payloadCap = std::max<qint64>(0, bytes);
}

void FrameCaptureModel::setByteBudget(qint64 bytes)
{
    m_byteBudget = std::max<qint64>(1, bytes);
    evictFront(rowsOverBudget(0, 0));
}

void FrameCaptureModel::setConnectionName(quint64 connectionId, const QString &name)
{
    if (m_connectionNames.value(connectionId) == name)
        return;
    m_connectionNames.insert(connectionId, name);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ConnectionColumn),
                           {Qt::DisplayRole});
}

void FrameCaptureModel::clear()
{
    beginResetModel();
    m_records.clear();
    if (m_store)
        m_store->clear();
    m_pendingHeld.clear();
    m_deflatedSizes.clear();
    m_deflateStreams.clear();
    m_storedBytes = 0;
    m_numbers.clear();
    m_unnumberedRows.clear();
    m_nextNumber = 1;
    m_timeOriginNs = -1;
    m_nextSpilled.reset();
    endResetModel();
}

} // namespace wslab::inspector
