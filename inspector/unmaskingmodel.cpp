#include "unmaskingmodel.h"

#include <QFontDatabase>

#include <algorithm>

namespace wslab::inspector {

namespace {

QString hexByte(quint8 byte)
{
    return QStringLiteral("0x%1").arg(byte, 2, 16, QLatin1Char('0'));
}

QString bits(quint8 byte)
{
    return QStringLiteral("%1").arg(byte, 8, 2, QLatin1Char('0'));
}

} // namespace

UnmaskingModel::UnmaskingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void UnmaskingModel::setFrame(const protocol::DecodedFrame &frame)
{
    beginResetModel();
    m_masked = frame.header.masked;
    m_key = frame.header.maskKey;
    m_unmasked = m_masked ? frame.payload : QByteArray();
    // The wire bytes come from the protocol layer (masking is its own inverse, §5.3); the table
    // then shows the XOR the learner would do by hand next to what the decoder produced.
    m_wire = m_masked ? frame.maskedPayload() : QByteArray();
    m_loaded = int(std::min<qsizetype>(m_unmasked.size(), chunkSize));
    endResetModel();
}

void UnmaskingModel::clear()
{
    beginResetModel();
    m_masked = false;
    m_key = {};
    m_wire.clear();
    m_unmasked.clear();
    m_loaded = 0;
    endResetModel();
}

int UnmaskingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_loaded;
}

int UnmaskingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool UnmaskingModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded < m_unmasked.size();
}

void UnmaskingModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int more = int(std::min<qsizetype>(chunkSize, m_unmasked.size() - m_loaded));
    beginInsertRows({}, m_loaded, m_loaded + more - 1);
    m_loaded += more;
    endInsertRows();
}

QVariant UnmaskingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::FontRole:
        return index.column() == CharColumn ? QVariant() : QVariant(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    case Qt::ToolTipRole:
        // The cells are bits or hex alone to fit a narrow pane; the hover gives the whole step.
        if (index.column() >= MaskedColumn && index.column() <= UnmaskedColumn)
            return tr("payload[%1] = wire[%1] XOR key[%1 mod 4] = %2 XOR %3 = %4 (RFC 6455 §5.3)")
                    .arg(row)
                    .arg(hexByte(quint8(m_wire.at(row))), hexByte(m_key[size_t(row % 4)]),
                         hexByte(quint8(m_unmasked.at(row))));
        if (index.column() == CharColumn && quint8(m_unmasked.at(row)) >= 0x80)
            return tr("Part of a multi-byte UTF-8 character, or binary data");
        return {};
    case PhaseRole: return row % 4;
    case ByteRole:
        switch (index.column()) {
        case MaskedColumn: return int(quint8(m_wire.at(row)));
        case KeyColumn: return int(m_key[size_t(row % 4)]);
        case XorColumn:
        case UnmaskedColumn:
        case CharColumn: return int(quint8(m_unmasked.at(row)));
        default: return {};
        }
    default: return {};
    }
}

QVariant UnmaskingModel::display(int row, int column) const
{
    const quint8 wire = quint8(m_wire.at(row));
    const quint8 key = m_key[size_t(row % 4)];
    const quint8 unmasked = quint8(m_unmasked.at(row));
    switch (column) {
    case IndexColumn: return QString::number(row);
    case PhaseColumn: return QString::number(row % 4);
    // Wire, key and their XOR in bits, one column each: the learner XORs them bit by bit, and the
    // three fit a narrow pane where one "a ⊕ b = c" cell did not. Hex and formula: the tooltip.
    case MaskedColumn: return bits(wire);
    case KeyColumn: return bits(key);
    case XorColumn: return bits(quint8(wire ^ key));
    case UnmaskedColumn: return hexByte(unmasked);
    case CharColumn:
        if (unmasked >= 0x20 && unmasked < 0x7f)
            return QString(QChar(unmasked));
        return QStringLiteral("·");
    default: return {};
    }
}

QVariant UnmaskingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    // Short labels keep the columns as narrow as their bytes; the tooltips say what each one is.
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IndexColumn: return tr("i");
        case PhaseColumn: return tr("i%4");
        case MaskedColumn: return tr("wire");
        case KeyColumn: return tr("⊕ key");
        case XorColumn: return tr("= payload");
        case UnmaskedColumn: return tr("byte");
        case CharColumn: return tr("char");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("i: the index of the byte in the payload");
        case PhaseColumn: return tr("i mod 4: which of the four key bytes masks byte i (RFC 6455 §5.3)");
        case MaskedColumn: return tr("The masked byte as sent on the wire, in bits");
        case KeyColumn: return tr("The masking-key byte key[i mod 4], in bits");
        case XorColumn: return tr("wire XOR key, bit by bit: the unmasked payload byte");
        case UnmaskedColumn: return tr("The unmasked payload byte in hex, as the decoder delivered it");
        case CharColumn: return tr("The unmasked byte as a character (· if not printable ASCII)");
        default: return {};
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace wslab::inspector
