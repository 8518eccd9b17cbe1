#pragma once

#include "server/clientinfo.h"

#include <QAbstractTableModel>
#include <QList>

namespace wslab::app {

// The chat pane's list of connected clients, one flat ClientInfo row each, in the order they came.
class ClientListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int {
        IdColumn,
        NickColumn,
        AddressColumn,
        TransportColumn,
        SinceColumn,
        FramesInColumn,
        FramesOutColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role : int {
        ConnectionIdRole = Qt::UserRole + 1, // quint64
    };

    explicit ClientListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] const server::ClientInfo &client(int row) const { return m_clients.at(row); }
    [[nodiscard]] int rowForId(quint64 connectionId) const; // -1 when not connected
    [[nodiscard]] QString nick(quint64 connectionId) const;
    // "#3 alice" for menus and system lines.
    [[nodiscard]] QString displayName(quint64 connectionId) const;

public Q_SLOTS:
    void addOrUpdate(const wslab::server::ClientInfo &client);
    void remove(quint64 connectionId);
    void clear();

private:
    [[nodiscard]] QVariant displayData(const server::ClientInfo &client, int column) const;

    QList<server::ClientInfo> m_clients;
};

} // namespace wslab::app
