#include "app/chat/clientlistmodel.h"

#include "inspector/framecapturemodel.h"

#include <QLocale>

namespace wslab::app {

ClientListModel::ClientListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::ClientInfo &info = m_clients.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(info, index.column());
    case Qt::ToolTipRole:
        if (index.column() == SinceColumn)
            return QLocale().toString(info.connectedSince, QLocale::LongFormat);
        if (index.column() == AddressColumn)
            return tr("%1, path %2").arg(info.peerAddress, info.path);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == FramesInColumn || index.column() == FramesOutColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ConnectionIdRole:
        return info.connectionId;
    default:
        return {};
    }
}

QVariant ClientListModel::displayData(const server::ClientInfo &info, int column) const
{
    switch (column) {
    // A polling client has no one connection (each request is its own): no number to show.
    case IdColumn: return info.transport == capture::Transport::WebSocket ? QVariant(info.connectionId) : QVariant(QStringLiteral("–"));
    case NickColumn: return info.nick.isEmpty() ? tr("(joining)") : info.nick;
    case AddressColumn: return info.peerAddress;
    case TransportColumn: return inspector::FrameCaptureModel::transportText(info.transport);
    case SinceColumn: return QLocale().toString(info.connectedSince.time(), QLocale::ShortFormat);
    case FramesInColumn: return info.framesIn;
    case FramesOutColumn: return info.framesOut;
    default: return {};
    }
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn: return tr("ID");
        case NickColumn: return tr("Nickname");
        case AddressColumn: return tr("Address");
        case TransportColumn: return tr("Transport");
        case SinceColumn: return tr("Since");
        case FramesInColumn: return tr("In");
        case FramesOutColumn: return tr("Out");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn: return tr("Connection number, as in the frames table");
        case SinceColumn: return tr("Connected since");
        case FramesInColumn: return tr("Frames (or requests) received from this client");
        case FramesOutColumn: return tr("Frames (or responses) sent to this client");
        default: return {};
        }
    }
    return {};
}

int ClientListModel::rowForId(quint64 connectionId) const
{
    for (int row = 0; row < m_clients.size(); ++row) {
        if (m_clients.at(row).connectionId == connectionId)
            return row;
    }
    return -1;
}

QString ClientListModel::nick(quint64 connectionId) const
{
    const int row = rowForId(connectionId);
    return row < 0 ? QString() : m_clients.at(row).nick;
}

QString ClientListModel::displayName(quint64 connectionId) const
{
    const int row = rowForId(connectionId);
    const QString name = row < 0 ? QString() : m_clients.at(row).nick;
    // A polling client's id is the server's own bookkeeping, not a connection the frames table
    // shows (each of its requests has one): the transport says what it is instead.
    if (row >= 0 && m_clients.at(row).transport != capture::Transport::WebSocket) {
        const QString transport = inspector::FrameCaptureModel::transportText(m_clients.at(row).transport);
        return name.isEmpty() ? transport : tr("%1 (%2)").arg(name, transport.toLower());
    }
    return name.isEmpty() ? QStringLiteral("#%1").arg(connectionId)
                          : QStringLiteral("#%1 %2").arg(connectionId).arg(name);
}

void ClientListModel::addOrUpdate(const server::ClientInfo &client)
{
    const int row = rowForId(client.connectionId);
    if (row >= 0) {
        m_clients[row] = client;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int last = int(m_clients.size());
    beginInsertRows({}, last, last);
    m_clients.append(client);
    endInsertRows();
}

void ClientListModel::remove(quint64 connectionId)
{
    const int row = rowForId(connectionId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_clients.removeAt(row);
    endRemoveRows();
}

void ClientListModel::clear()
{
    if (m_clients.isEmpty())
        return;
    beginResetModel();
    m_clients.clear();
    endResetModel();
}

} // namespace wslab::app
