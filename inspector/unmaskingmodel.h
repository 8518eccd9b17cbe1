#pragma once

#include "server/protocol/decodedframe.h"

#include <QAbstractTableModel>
#include <QByteArray>

namespace wslab::inspector {

// RFC 6455 §5.3 byte by byte: for payload byte i, i mod 4, the byte on the wire, the key byte it
// was masked with and their XOR (each in bits, in columns side by side), the unmasked byte in hex
// and its character. Rows are produced lazily in chunks (canFetchMore / fetchMore) so a 1 MiB
// payload opens at once; cells are formatted in data().
class UnmaskingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int {
        IndexColumn,
        PhaseColumn,    // i mod 4
        MaskedColumn,   // the byte on the wire, in bits
        KeyColumn,      // key[i mod 4], in bits
        XorColumn,      // masked XOR key, in bits
        UnmaskedColumn, // what the decoder delivered, in hex
        CharColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role : int {
        PhaseRole = Qt::UserRole + 1, // int, i mod 4
        ByteRole,                     // int, the value of the cell's byte (masked, key or unmasked column)
    };

    static constexpr int chunkSize = 4096;

    explicit UnmaskingModel(QObject *parent = nullptr);

    void setFrame(const protocol::DecodedFrame &frame);
    void clear();

    [[nodiscard]] bool isMasked() const noexcept { return m_masked; }
    [[nodiscard]] qsizetype payloadSize() const noexcept { return m_unmasked.size(); }
    [[nodiscard]] const protocol::MaskKey &key() const noexcept { return m_key; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    [[nodiscard]] QVariant display(int row, int column) const;

    bool m_masked = false;
    protocol::MaskKey m_key{};
    QByteArray m_wire;     // masked, as sent
    QByteArray m_unmasked; // as the decoder delivered it
    int m_loaded = 0;
};

} // namespace wslab::inspector
