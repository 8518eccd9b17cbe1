#include "capturefilterproxy.h"

#include "framecapturemodel.h"

#include <algorithm>

namespace wslab::inspector {

using capture::CaptureRecord;
using capture::RecordDigest;
using capture::RecordKind;
namespace protocol = wslab::protocol;

CaptureFilterProxy::CaptureFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The capture order is the story; the proxy only hides rows.
    setDynamicSortFilter(true);
}

void CaptureFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_capture = qobject_cast<FrameCaptureModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

CaptureRecord CaptureFilterProxy::record(int proxyRow) const
{
    return m_capture->record(sourceRow(proxyRow));
}

int CaptureFilterProxy::sourceRow(int proxyRow) const
{
    return mapToSource(index(proxyRow, 0)).row();
}

bool CaptureFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_capture || sourceParent.isValid())
        return false;
    if (!acceptsDigest(m_capture->digest(sourceRow)))
        return false;
    return m_searchText.isEmpty() || matchesSearch(m_capture->scannedRecord(sourceRow));
}

CaptureFilterProxy::OpcodeClass CaptureFilterProxy::classOf(const RecordDigest &d)
{
    switch (d.kind) {
    case RecordKind::Frame:
        if (d.opcode >= 0 && protocol::isControl(protocol::Opcode(d.opcode)))
            return OpcodeClass::Control;
        return OpcodeClass::Data;
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
        return OpcodeClass::Http;
    default:
        return OpcodeClass::Event;
    }
}

bool CaptureFilterProxy::accepts(const CaptureRecord &r) const
{
    return acceptsDigest(RecordDigest::of(r)) && (m_searchText.isEmpty() || matchesSearch(r));
}

bool CaptureFilterProxy::acceptsDigest(const RecordDigest &d) const
{
    if (m_connection && d.connectionId != *m_connection)
        return false;
    if (m_direction && (!hasDirection(d.kind) || d.direction != *m_direction))
        return false;
    if (m_transport && d.transport != *m_transport)
        return false;
    if (!m_classes.testFlag(classOf(d)))
        return false;
    if (m_errorsOnly && !FrameCaptureModel::isError(d))
        return false;
    if (m_hideBookkeeping && d.bookkeeping)
        return false;
    return !(m_hidePingPong
             && (d.opcode == qint8(protocol::Opcode::Ping) || d.opcode == qint8(protocol::Opcode::Pong)));
}

bool CaptureFilterProxy::hasDirection(RecordKind kind)
{
    // A TCP open or close belongs to the connection, not to one side of it; a capture gap to neither.
    return kind != RecordKind::ConnectionOpened && kind != RecordKind::ConnectionClosed
            && kind != RecordKind::CaptureGap;
}

bool CaptureFilterProxy::matchesSearch(const CaptureRecord &r) const
{
    // Both modes search the payload as UTF-8 (the unmasked payload for frames, the raw message for
    // HTTP), the message a compressed frame inflates to (RFC 7692: its payload is DEFLATE data, which
    // no word matches) and the note (peer address, nickname, error); a regular expression also the
    // summary. Binary bytes decode to U+FFFD and simply do not match.
    const auto utf8 = [](const QByteArray &bytes) {
        return QString::fromUtf8(bytes.constData(), std::min(bytes.size(), searchedBytesPerRecord));
    };
    QStringList texts{utf8(r.frame ? r.frame->payload : r.wireBytes), r.note};
    if (r.inflatedPayload)
        texts.append(utf8(*r.inflatedPayload));
    if (m_searchMode == SearchMode::RegularExpression) {
        if (!m_regex.isValid())
            return true; // an expression still being typed hides nothing
        texts.append(FrameCaptureModel::summaryText(r));
        return std::any_of(texts.cbegin(), texts.cend(),
                           [this](const QString &text) { return m_regex.match(text).hasMatch(); });
    }
    return std::any_of(texts.cbegin(), texts.cend(),
                       [this](const QString &text) { return text.contains(m_searchText, Qt::CaseInsensitive); });
}

bool CaptureFilterProxy::isSearchValid() const
{
    return m_searchMode == SearchMode::PlainText || m_searchText.isEmpty() || m_regex.isValid();
}

void CaptureFilterProxy::refilter()
{
    invalidateFilter();
}

void CaptureFilterProxy::setConnectionFilter(std::optional<quint64> connectionId)
{
    if (m_connection == connectionId)
        return;
    m_connection = connectionId;
    refilter();
}

void CaptureFilterProxy::setDirectionFilter(std::optional<capture::Direction> direction)
{
    if (m_direction == direction)
        return;
    m_direction = direction;
    refilter();
}

void CaptureFilterProxy::setTransportFilter(std::optional<capture::Transport> transport)
{
    if (m_transport == transport)
        return;
    m_transport = transport;
    refilter();
}

void CaptureFilterProxy::setOpcodeClasses(OpcodeClasses classes)
{
    if (m_classes == classes)
        return;
    m_classes = classes;
    refilter();
}

void CaptureFilterProxy::setErrorsOnly(bool errorsOnly)
{
    if (m_errorsOnly == errorsOnly)
        return;
    m_errorsOnly = errorsOnly;
    refilter();
}

void CaptureFilterProxy::setPingPongHidden(bool hidden)
{
    if (m_hidePingPong == hidden)
        return;
    m_hidePingPong = hidden;
    refilter();
}

void CaptureFilterProxy::setBookkeepingHidden(bool hidden)
{
    if (m_hideBookkeeping == hidden)
        return;
    m_hideBookkeeping = hidden;
    refilter();
}

void CaptureFilterProxy::setSearch(const QString &text, SearchMode mode)
{
    if (m_searchText == text && m_searchMode == mode)
        return;
    m_searchText = text;
    m_searchMode = mode;
    m_regex = QRegularExpression(mode == SearchMode::RegularExpression ? text : QString(),
                                 QRegularExpression::CaseInsensitiveOption);
    refilter();
}

void CaptureFilterProxy::clearFilters()
{
    m_connection.reset();
    m_direction.reset();
    m_transport.reset();
    m_classes = OpcodeClasses(0xF);
    m_errorsOnly = false;
    m_hidePingPong = false;
    m_hideBookkeeping = false;
    m_searchText.clear();
    m_searchMode = SearchMode::PlainText;
    m_regex = QRegularExpression();
    refilter();
}

} // namespace wslab::inspector
