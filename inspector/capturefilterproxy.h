#pragma once

#include "capture/capturerecord.h"
#include "capture/recordstore.h"

#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QVarLengthArray>

#include <optional>
#include <vector>

namespace wslab::inspector {

class FrameCaptureModel;

// The capture table's filters. Rows are judged from the row's digest (capture::RecordDigest: no
// QVariant, no record read back), so refiltering a million rows is a loop over small values; only a
// search reads each row's record (uncached, see FrameCaptureModel::scannedRecord). Order stays the
// capture order (no sorting).
//
// A search remembers its verdict per row (one byte), so that changing another filter under it
// reads no record again. Over more rows than incrementalSearchRows() a new search does not block:
// it reads the records in slices of a few milliseconds on the event loop (searchProgressed), the
// rows of the search before it stay on view meanwhile, and its rows replace them in one go when
// every row is read (searchRunningChanged(false)). A newer search, or cancelSearch(), drops the
// one running. The rows found are the same either way.
class CaptureFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class OpcodeClass : quint8 {
        Data = 0x1,    // text, binary, continuation, reserved data opcodes (RFC 6455 §5.6)
        Control = 0x2, // close, ping, pong, reserved control opcodes (§5.5)
        Http = 0x4,    // HTTP requests and responses, including the upgrade
        Event = 0x8,   // TCP open / close, protocol errors
    };
    Q_DECLARE_FLAGS(OpcodeClasses, OpcodeClass)
    Q_FLAG(OpcodeClasses)

    enum class SearchMode : quint8 { PlainText, RegularExpression };
    Q_ENUM(SearchMode)

    static constexpr qsizetype searchedBytesPerRecord = 1024 * 1024; // keeps one keystroke bounded
    static constexpr int defaultIncrementalSearchRows = 20'000;

    explicit CaptureFilterProxy(QObject *parent = nullptr);

    // The source must be a FrameCaptureModel (anything else shows no rows).
    void setSourceModel(QAbstractItemModel *model) override;
    [[nodiscard]] FrameCaptureModel *captureModel() const noexcept { return m_capture; }
    // The record behind a proxy row; `row` must be valid.
    [[nodiscard]] capture::CaptureRecord record(int proxyRow) const;
    [[nodiscard]] int sourceRow(int proxyRow) const;

    [[nodiscard]] std::optional<quint64> connectionFilter() const noexcept { return m_connection; }
    [[nodiscard]] std::optional<capture::Direction> directionFilter() const noexcept { return m_direction; }
    [[nodiscard]] std::optional<capture::Transport> transportFilter() const noexcept { return m_transport; }
    [[nodiscard]] OpcodeClasses opcodeClasses() const noexcept { return m_classes; }
    [[nodiscard]] bool isErrorsOnly() const noexcept { return m_errorsOnly; }
    [[nodiscard]] bool isPingPongHidden() const noexcept { return m_hidePingPong; }
    // The chat page's own bookkeeping (POST /stats and its answer, CaptureRecord::bookkeeping) is
    // hidden by default: it is not part of any conversation the lab shows.
    [[nodiscard]] bool isBookkeepingHidden() const noexcept { return m_hideBookkeeping; }
    // The search asked for last: the one running, else the one applied.
    [[nodiscard]] QString searchText() const { return requestedSearch().text; }
    [[nodiscard]] SearchMode searchMode() const noexcept { return requestedSearch().mode; }
    [[nodiscard]] bool isSearchValid() const; // false for a regular expression that does not compile
    // Whether a search is still reading rows; the rows shown are those of the search before it.
    [[nodiscard]] bool isSearching() const noexcept { return m_running.has_value(); }
    [[nodiscard]] int incrementalSearchRows() const noexcept { return m_incrementalRows; }
    // A search over more rows than this runs in slices; over fewer, at once. 0: always in slices.
    void setIncrementalSearchRows(int rows);

    // Does this record pass every filter? (Also used by views that walk the source directly.)
    [[nodiscard]] bool accepts(const capture::CaptureRecord &record) const;
    // Every filter but the search, from what the digest tells.
    [[nodiscard]] bool acceptsDigest(const capture::RecordDigest &digest) const;

public Q_SLOTS:
    void setConnectionFilter(std::optional<quint64> connectionId);
    void setDirectionFilter(std::optional<wslab::capture::Direction> direction);
    void setTransportFilter(std::optional<wslab::capture::Transport> transport);
    void setOpcodeClasses(wslab::inspector::CaptureFilterProxy::OpcodeClasses classes);
    void setErrorsOnly(bool errorsOnly);
    void setPingPongHidden(bool hidden);
    void setBookkeepingHidden(bool hidden);
    void setSearch(const QString &text, wslab::inspector::CaptureFilterProxy::SearchMode mode);
    void cancelSearch(); // drops the search running; the search shown stays
    void clearFilters(); // everything shown, the page's bookkeeping too

Q_SIGNALS:
    void searchChanged(); // a new search was asked for (setSearch, clearFilters)
    void searchRunningChanged(bool running);
    void searchProgressed(int rowsRead, int rows); // while a search runs in slices

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    [[nodiscard]] static OpcodeClass classOf(const capture::RecordDigest &digest);
    // Whether the record went one way (a frame, an HTTP message) rather than being an event of
    // the connection: a direction filter shows only those.
    [[nodiscard]] static bool hasDirection(capture::RecordKind kind);
    // One search and what it found so far.
    struct Search
    {
        enum Verdict : quint8 { Unknown, Miss, Hit };

        Search() = default;
        Search(const QString &text, SearchMode mode);

        [[nodiscard]] bool isEmpty() const { return text.isEmpty(); }
        [[nodiscard]] bool isValid() const { return mode == SearchMode::PlainText || isEmpty() || regex.isValid(); }
        // Whether every row matches without reading it: no text, or an expression still being typed.
        [[nodiscard]] bool matchesAll() const { return isEmpty() || !isValid(); }
        [[nodiscard]] bool matches(const capture::CaptureRecord &record) const;
        // The row's verdict, read and remembered when not known yet.
        [[nodiscard]] bool matchesRow(const FrameCaptureModel &model, int row) const;
        [[nodiscard]] bool isSameAs(const QString &otherText, SearchMode otherMode) const
        {
            return text == otherText && mode == otherMode;
        }

        QString text;
        SearchMode mode = SearchMode::PlainText;
        QRegularExpression regex;
        QByteArray asciiFolded; // the plain text in lower case, when it is ASCII
        mutable std::vector<quint8> verdicts; // per source row
    };

    [[nodiscard]] const Search &requestedSearch() const { return m_running ? *m_running : m_search; }
    void connectSource(QAbstractItemModel *model);
    // The search shown and the one running, if any.
    [[nodiscard]] QVarLengthArray<Search *, 2> searches();
    void makeRoomForRows(int first, int last);
    void forgetRows(int first, int last);
    void forgetVerdicts(int first, int last);
    void forgetAllVerdicts();
    void readSlice();
    void refilter();

    FrameCaptureModel *m_capture = nullptr;
    std::optional<quint64> m_connection;
    std::optional<capture::Direction> m_direction;
    std::optional<capture::Transport> m_transport;
    OpcodeClasses m_classes = OpcodeClasses(0xF);
    bool m_errorsOnly = false;
    bool m_hidePingPong = false;
    bool m_hideBookkeeping = true;
    Search m_search;                // the search whose rows are shown
    std::optional<Search> m_running; // the one reading rows to replace it
    int m_nextRow = 0;               // the next row m_running reads
    int m_incrementalRows = defaultIncrementalSearchRows;
    QTimer m_slice;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace wslab::inspector

Q_DECLARE_OPERATORS_FOR_FLAGS(wslab::inspector::CaptureFilterProxy::OpcodeClasses)
