#pragma once

#include "proxy/heldframe.h"

#include <QAbstractTableModel>

#include <optional>

namespace wslab::app {

// The frames the proxy's intercept holds, in the order they arrived, one row each: connection,
// direction, opcode, length and a short summary of the payload (inflated when the sender
// compressed the message on its own). Filled from ProxyHost::frameHeld, emptied by heldFrameGone.
class HeldFrameModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ConnectionColumn, DirectionColumn, OpcodeColumn, LengthColumn, SummaryColumn, ColumnCount };

    struct Entry
    {
        quint64 connectionId = 0;
        proxy::HeldFrame frame;
    };

    explicit HeldFrameModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] const Entry &entry(int row) const { return m_entries.at(row); }
    [[nodiscard]] int rowOf(quint64 connectionId, capture::Direction direction, quint64 heldId) const;
    // The payload as a line of text: UTF-8 text as is, anything else as hex, cut to `maxChars`.
    [[nodiscard]] static QString summaryOf(const proxy::HeldFrame &frame, int maxChars = 80);

public Q_SLOTS:
    void add(quint64 connectionId, const wslab::proxy::HeldFrame &frame);
    void remove(quint64 connectionId, wslab::capture::Direction direction, quint64 heldId);
    void removeConnection(quint64 connectionId);
    void clear();

private:
    QList<Entry> m_entries;
};

} // namespace wslab::app
