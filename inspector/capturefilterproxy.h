#pragma once

#include "capture/capturerecord.h"
#include "capture/recordstore.h"

#include <QRegularExpression>
#include <QSortFilterProxyModel>

#include <optional>

namespace wslab::inspector {

class FrameCaptureModel;

// The capture table's filters. Rows are judged from the row's digest (capture::RecordDigest: no
// QVariant, no record read back), so refiltering a million rows is a loop over small values; only a
// search reads each row's record (uncached, see FrameCaptureModel::scannedRecord). Order stays the
// capture order (no sorting).
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
    [[nodiscard]] QString searchText() const { return m_searchText; }
    [[nodiscard]] SearchMode searchMode() const noexcept { return m_searchMode; }
    [[nodiscard]] bool isSearchValid() const; // false for a regular expression that does not compile

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
    void clearFilters(); // everything shown, the page's bookkeeping too

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    [[nodiscard]] static OpcodeClass classOf(const capture::RecordDigest &digest);
    // Whether the record went one way (a frame, an HTTP message) rather than being an event of
    // the connection: a direction filter shows only those.
    [[nodiscard]] static bool hasDirection(capture::RecordKind kind);
    [[nodiscard]] bool matchesSearch(const capture::CaptureRecord &record) const;
    void refilter();

    FrameCaptureModel *m_capture = nullptr;
    std::optional<quint64> m_connection;
    std::optional<capture::Direction> m_direction;
    std::optional<capture::Transport> m_transport;
    OpcodeClasses m_classes = OpcodeClasses(0xF);
    bool m_errorsOnly = false;
    bool m_hidePingPong = false;
    bool m_hideBookkeeping = true;
    QString m_searchText;
    SearchMode m_searchMode = SearchMode::PlainText;
    QRegularExpression m_regex;
};

} // namespace wslab::inspector

Q_DECLARE_OPERATORS_FOR_FLAGS(wslab::inspector::CaptureFilterProxy::OpcodeClasses)
