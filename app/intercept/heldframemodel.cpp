#include "app/intercept/heldframemodel.h"

#include "inspector/framecapturemodel.h"
#include "server/protocol/opcode.h"

#include <QStringDecoder>

namespace wslab::app {

HeldFrameModel::HeldFrameModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int HeldFrameModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HeldFrameModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HeldFrameModel::summaryOf(const proxy::HeldFrame &frame, int maxChars)
{
    const QByteArray &payload = frame.inflated ? *frame.inflated : frame.frame.payload;
    QString text;
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8(payload);
    const bool isText = !utf8.hasError() && frame.frame.header.opcode != protocol::Opcode::Binary;
    if (isText)
        text = decoded.simplified();
    else
        text = QString::fromLatin1(payload.left(maxChars / 3 + 1).toHex(' '));
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

QVariant HeldFrameModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    const protocol::FrameHeader &header = e.frame.frame.header;
    if (role == Qt::ToolTipRole && index.column() == SummaryColumn && e.frame.inflated)
        return tr("A compressed message (RSV1), shown inflated; %1 bytes on the wire")
                .arg(e.frame.frame.payload.size());
    // Narrow columns elide ("0x3 reserved 0x3"): the whole text on hover.
    if (role == Qt::ToolTipRole && index.column() != SummaryColumn)
        return data(index, Qt::DisplayRole);
    if (role == Qt::TextAlignmentRole && index.column() == LengthColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ConnectionColumn: return QStringLiteral("#%1").arg(e.connectionId);
    case DirectionColumn:
        return inspector::FrameCaptureModel::directionText(e.frame.direction);
    case OpcodeColumn:
        return QStringLiteral("0x%1 %2").arg(quint8(header.opcode), 0, 16)
                .arg(QLatin1StringView(protocol::opcodeName(header.opcode)));
    case LengthColumn: return QString::number(header.payloadLength);
    case SummaryColumn: return summaryOf(e.frame);
    default: return {};
    }
}

QVariant HeldFrameModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ConnectionColumn: return tr("Conn.", "short for connection");
    case DirectionColumn: return tr("Dir.", "short for direction");
    case OpcodeColumn: return tr("Opcode");
    case LengthColumn: return tr("Length");
    case SummaryColumn: return tr("Summary");
    default: return {};
    }
}

int HeldFrameModel::rowOf(quint64 connectionId, capture::Direction direction, quint64 heldId) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &e = m_entries.at(row);
        if (e.connectionId == connectionId && e.frame.direction == direction && e.frame.id == heldId)
            return row;
    }
    return -1;
}

void HeldFrameModel::add(quint64 connectionId, const proxy::HeldFrame &frame)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(Entry{connectionId, frame});
    endInsertRows();
}

void HeldFrameModel::remove(quint64 connectionId, capture::Direction direction, quint64 heldId)
{
    const int row = rowOf(connectionId, direction, heldId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

void HeldFrameModel::removeConnection(quint64 connectionId)
{
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries.at(row).connectionId != connectionId)
            continue;
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

void HeldFrameModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace wslab::app
