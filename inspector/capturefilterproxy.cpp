#include "capturefilterproxy.h"

#include "framecapturemodel.h"

#include <QElapsedTimer>

#include <algorithm>

namespace wslab::inspector {

using capture::CaptureRecord;
using capture::RecordDigest;
using capture::RecordKind;
namespace protocol = wslab::protocol;

namespace {

// A slice of a running search: short enough that typing and scrolling stay smooth, long enough
// that the event loop's own cost stays small beside it.
constexpr qint64 sliceMs = 15;
constexpr int rowsBetweenClockReads = 64;

[[nodiscard]] bool isAscii(QByteArrayView bytes)
{
    uchar any = 0;
    for (const char c : bytes)
        any |= uchar(c);
    return any < 0x80;
}

[[nodiscard]] char foldAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// `folded` (ASCII, lower case) in ASCII `bytes`, case folded byte by byte: what
// QString::contains(Qt::CaseInsensitive) finds there, without decoding a byte to UTF-16.
[[nodiscard]] bool containsFolded(QByteArrayView bytes, QByteArrayView folded)
{
    const qsizetype last = bytes.size() - folded.size();
    for (qsizetype i = 0; i <= last; ++i) {
        qsizetype j = 0;
        while (j < folded.size() && foldAscii(bytes[i + j]) == folded[j])
            ++j;
        if (j == folded.size())
            return true;
    }
    return false;
}

} // namespace

CaptureFilterProxy::CaptureFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The capture order is the story; the proxy only hides rows.
    setDynamicSortFilter(true);
    m_slice.setSingleShot(true);
    m_slice.setInterval(0); // after whatever else waits: input and painting go first
    connect(&m_slice, &QTimer::timeout, this, &CaptureFilterProxy::readSlice);
}

void CaptureFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_capture = qobject_cast<FrameCaptureModel *>(model);
    forgetAllVerdicts();
    // Before the base class connects its own: a changed row must be forgotten before the base
    // class filters it again.
    connectSource(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void CaptureFilterProxy::connectSource(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    if (!model)
        return;
    m_sourceConnections << connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                   [this](const QModelIndex &, int first, int last) { forgetRows(first, last); });
    m_sourceConnections << connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                                   [this](const QModelIndex &, int first, int last) { makeRoomForRows(first, last); });
    m_sourceConnections << connect(model, &QAbstractItemModel::dataChanged, this,
                                   [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                                       forgetVerdicts(topLeft.row(), bottomRight.row());
                                   });
    m_sourceConnections << connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                                   &CaptureFilterProxy::forgetAllVerdicts);
}

QVarLengthArray<CaptureFilterProxy::Search *, 2> CaptureFilterProxy::searches()
{
    QVarLengthArray<Search *, 2> all{&m_search};
    if (m_running)
        all.append(&*m_running);
    return all;
}

void CaptureFilterProxy::makeRoomForRows(int first, int last)
{
    // Rows come at the end; one in the middle moves the verdicts after it.
    for (Search *search : searches()) {
        if (size_t(first) < search->verdicts.size())
            search->verdicts.insert(search->verdicts.begin() + first, size_t(last - first + 1), Search::Unknown);
    }
    if (m_running && m_nextRow > first)
        m_nextRow += last - first + 1;
}

void CaptureFilterProxy::forgetRows(int first, int last)
{
    for (Search *search : searches()) {
        if (size_t(first) >= search->verdicts.size())
            continue;
        const size_t end = std::min(search->verdicts.size(), size_t(last) + 1);
        search->verdicts.erase(search->verdicts.begin() + first, search->verdicts.begin() + qsizetype(end));
    }
    if (m_running && m_nextRow > first)
        m_nextRow -= std::min(m_nextRow, last + 1) - first;
}

void CaptureFilterProxy::forgetVerdicts(int first, int last)
{
    // A row's record changed (a held message delivered with its inflated text): read it again.
    for (Search *search : searches()) {
        for (int row = first; row <= last && size_t(row) < search->verdicts.size(); ++row)
            search->verdicts[size_t(row)] = Search::Unknown;
    }
}

void CaptureFilterProxy::forgetAllVerdicts()
{
    for (Search *search : searches())
        search->verdicts.clear();
    m_nextRow = 0; // a running search starts over
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
    return m_search.matchesRow(*m_capture, sourceRow);
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
    return acceptsDigest(RecordDigest::of(r)) && m_search.matches(r);
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

CaptureFilterProxy::Search::Search(const QString &text, SearchMode mode)
    : text(text)
    , mode(mode)
    , regex(mode == SearchMode::RegularExpression ? text : QString(), QRegularExpression::CaseInsensitiveOption)
{
    const QByteArray latin1 = text.toLatin1();
    if (mode == SearchMode::PlainText && QString::fromLatin1(latin1) == text && isAscii(latin1))
        asciiFolded = latin1.toLower();
}

bool CaptureFilterProxy::Search::matchesRow(const FrameCaptureModel &model, int row) const
{
    if (matchesAll())
        return true;
    if (size_t(row) >= verdicts.size())
        verdicts.resize(size_t(std::max(row + 1, model.rowCount())), Unknown);
    quint8 &verdict = verdicts[size_t(row)];
    if (verdict == Unknown)
        verdict = matches(model.scannedRecord(row)) ? Hit : Miss;
    return verdict == Hit;
}

bool CaptureFilterProxy::Search::matches(const CaptureRecord &r) const
{
    if (matchesAll())
        return true;
    // Both modes search the payload as UTF-8 (the unmasked payload for frames, the raw message for
    // HTTP), the message a compressed frame inflates to (RFC 7692: its payload is DEFLATE data, which
    // no word matches) and the note (peer address, nickname, error); a regular expression also the
    // summary. Binary bytes decode to U+FFFD and simply do not match.
    const auto utf8 = [](const QByteArray &bytes) {
        return QString::fromUtf8(bytes.constData(), std::min(bytes.size(), searchedBytesPerRecord));
    };
    if (mode == SearchMode::PlainText && !asciiFolded.isEmpty()) {
        // Most payloads are ASCII: an ASCII word is found there byte by byte (twice as fast over a
        // million rows); other bytes are decoded and compared as below, with the same result.
        const auto found = [this, &utf8](const QByteArray &bytes) {
            const QByteArrayView searched = QByteArrayView(bytes).first(std::min(bytes.size(), searchedBytesPerRecord));
            return isAscii(searched) ? containsFolded(searched, asciiFolded)
                                     : utf8(bytes).contains(text, Qt::CaseInsensitive);
        };
        return found(r.frame ? r.frame->payload : r.wireBytes) || r.note.contains(text, Qt::CaseInsensitive)
                || (r.inflatedPayload && found(*r.inflatedPayload));
    }
    QStringList texts{utf8(r.frame ? r.frame->payload : r.wireBytes), r.note};
    if (r.inflatedPayload)
        texts.append(utf8(*r.inflatedPayload));
    // (An expression still being typed, invalid, hides nothing: matchesAll() above.)
    if (mode == SearchMode::RegularExpression) {
        texts.append(FrameCaptureModel::summaryText(r));
        return std::any_of(texts.cbegin(), texts.cend(),
                           [this](const QString &t) { return regex.match(t).hasMatch(); });
    }
    return std::any_of(texts.cbegin(), texts.cend(),
                       [this](const QString &t) { return t.contains(text, Qt::CaseInsensitive); });
}

bool CaptureFilterProxy::isSearchValid() const
{
    return requestedSearch().isValid();
}

void CaptureFilterProxy::setIncrementalSearchRows(int rows)
{
    m_incrementalRows = std::max(0, rows);
}

void CaptureFilterProxy::readSlice()
{
    if (!m_running || !m_capture)
        return;
    // Only the rows the other filters let through are read now; the others are read if a filter
    // later shows them. Bounded by the rows and by the clock.
    QElapsedTimer clock;
    clock.start();
    const int rows = m_capture->rowCount();
    while (m_nextRow < rows && !clock.hasExpired(sliceMs)) {
        const int end = std::min(rows, m_nextRow + rowsBetweenClockReads);
        for (; m_nextRow < end; ++m_nextRow) {
            if (acceptsDigest(m_capture->digest(m_nextRow)))
                (void)m_running->matchesRow(*m_capture, m_nextRow);
        }
    }
    Q_EMIT searchProgressed(m_nextRow, rows);
    if (m_nextRow < rows) {
        m_slice.start();
        return;
    }
    // Every row read: its rows replace the previous search's in one refilter, which reads nothing.
    m_search = std::move(*m_running);
    m_running.reset();
    refilter();
    Q_EMIT searchRunningChanged(false);
}

void CaptureFilterProxy::cancelSearch()
{
    m_slice.stop();
    if (!m_running)
        return;
    m_running.reset();
    Q_EMIT searchRunningChanged(false);
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
    if (requestedSearch().isSameAs(text, mode))
        return;
    Q_EMIT searchChanged();
    if (m_search.isSameAs(text, mode)) { // back to the rows on view: nothing to read
        cancelSearch();
        return;
    }
    Search search(text, mode);
    const int rows = m_capture ? m_capture->rowCount() : 0;
    if (search.matchesAll() || rows <= m_incrementalRows) {
        m_search = std::move(search);
        refilter();
        cancelSearch();
        return;
    }
    const bool wasRunning = isSearching();
    m_slice.stop();
    m_running = std::move(search);
    m_nextRow = 0;
    if (!wasRunning)
        Q_EMIT searchRunningChanged(true);
    Q_EMIT searchProgressed(0, rows);
    m_slice.start();
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
    const bool searched = !requestedSearch().isEmpty();
    cancelSearch();
    m_search = Search();
    if (searched)
        Q_EMIT searchChanged();
    refilter();
}

} // namespace wslab::inspector
