#pragma once

#include "deflatepreview.h"

#include "capture/capturerecord.h"
#include "capture/recordspill.h"
#include "capture/recordstore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <deque>

namespace wslab::inspector {

// The capture as a table: one row per record the server captured, oldest first. Rows are flat
// values (CaptureRecord); every display string is built in data() when a view asks for it, so a
// flood of 100,000 frames a second costs a deque append and one rowsInserted per batch.
//
// Memory is bounded three ways: a row cap (oldest rows evicted from the front in one
// beginRemoveRows), a per-record payload cap (bytes beyond it are dropped and the record is marked
// truncated, as the server does for its own cap) and a total byte budget over all rows.
//
// A capture file's window keeps every record instead (keepEveryRecord()): the records go to a
// capture::RecordStore, which writes them to a temporary file and keeps only a digest per row in
// memory (time, connection, kind, opcode: what the filters and the timeline read); a row's whole
// record is read back when a view asks for it. No eviction, no payload cap, memory per row fixed.
class FrameCaptureModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int {
        NumberColumn,    // rows numbered 1, 2, 3 ... in capture order (number())
        TimeColumn,      // ms since the first record
        DeltaColumn,     // ms since the previous row
        ConnectionColumn,
        DirectionColumn,
        TransportColumn,
        FinColumn,
        RsvColumn,
        OpcodeColumn,
        MaskColumn,
        LengthColumn,    // payload length and its tier (7 / 16 / 64 bits, RFC 6455 §5.2)
        SummaryColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role : int {
        RecordRole = Qt::UserRole + 1, // the CaptureRecord itself (QVariant)
        RecordIdRole,                  // quint64
        ConnectionIdRole,              // quint64
        DirectionRole,                 // int(capture::Direction)
        KindRole,                      // int(capture::RecordKind)
        OpcodeRole,                    // int(protocol::Opcode), -1 for records that are not frames
        HeldRole,                      // bool: held by step mode and not delivered yet
        ErrorRole,                     // bool: a protocol error, a decode error or an HTTP error status
        TimeNsRole,                    // qint64
    };
    Q_ENUM(Role)

    static constexpr int defaultRowCap = 100'000;
    static constexpr qint64 defaultPayloadCap = 16 * 1024 * 1024 + 16; // the server's message limit
    static constexpr qint64 defaultByteBudget = qint64(512) * 1024 * 1024;

    explicit FrameCaptureModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Keeps every record from now on, on disk (capture::RecordStore): no row cap, no byte budget,
    // no payload cap. For a capture file's window; call it while the model is empty.
    void keepEveryRecord();
    [[nodiscard]] bool keepsEveryRecord() const noexcept { return m_store != nullptr; }
    // The next batch appended was already written by a capture::RecordSpill (a file read on
    // another thread): its records are taken where they are instead of being written again.
    // Only while every record is kept; a record the spill does not match is written as usual.
    void setNextBatchSpilled(capture::SpilledBatch spilled);

    // The typed accessor: no QVariant. A copy (the payloads are shared, not copied), as the record
    // may have been read back from the store. `row` must be valid.
    [[nodiscard]] capture::CaptureRecord record(int row) const { return *recordAt(row); }
    // The same, shared: valid for as long as it is held, whatever happens to the model.
    [[nodiscard]] std::shared_ptr<const capture::CaptureRecord> sharedRecord(int row) const;
    // The record for a walk over many rows (search, save): read back without displacing the rows
    // on view from the store's cache.
    [[nodiscard]] capture::CaptureRecord scannedRecord(int row) const;
    // What the row's filters need, without the record. `row` must be valid.
    [[nodiscard]] capture::RecordDigest digest(int row) const;
    // Bytes of whole records the model holds in memory: all rows' when it evicts, the store's cache
    // when it keeps every record.
    [[nodiscard]] qint64 heldRecordBytes() const;
    [[nodiscard]] int rowForId(quint64 id) const; // -1 if absent (never captured or evicted)
    // The row's number as the No. column shows it: rows count 1, 2, 3 ... from the first one after
    // the last clear(), evicted ones included, without gaps. (Record ids can skip: a delivery
    // notice or a record the capture missed takes one but is no row.) 0 for the page's bookkeeping
    // (CaptureRecord::bookkeeping), which is hidden by default and takes no number.
    [[nodiscard]] quint64 number(int row) const;
    // The time the Time column counts from: the first record's since the last clear().
    [[nodiscard]] qint64 timeOriginNs() const noexcept { return m_timeOriginNs; }
    [[nodiscard]] bool isPendingHeld(int row) const;
    // permessage-deflate (RFC 7692): whether the row's frame belongs to a compressed message and the
    // DEFLATE bytes of that message so far, which only the frames before it can tell (RSV1 is on the
    // first frame alone).
    [[nodiscard]] DeflateFacts deflateFacts(int row) const;
    // The summary column's text: summaryText() with what the neighbouring frames tell.
    [[nodiscard]] QString rowSummary(int row) const;

    [[nodiscard]] int rowCap() const noexcept { return m_rowCap; }
    void setRowCap(int cap); // evicts at once if the model holds more
    [[nodiscard]] qint64 payloadCap() const noexcept { return m_payloadCap; }
    void setPayloadCap(qint64 bytes); // applies to records appended from now on
    [[nodiscard]] qint64 byteBudget() const noexcept { return m_byteBudget; }
    void setByteBudget(qint64 bytes);
    [[nodiscard]] qint64 storedBytes() const noexcept { return m_storedBytes; }
    [[nodiscard]] quint64 evictedCount() const noexcept { return m_evicted; }

    [[nodiscard]] QString connectionName(quint64 connectionId) const;

    // Display helpers shared with the other views, so every view words a record the same way.
    // What the record alone tells; a compressed message shows its inflated text (DeflatePreview).
    [[nodiscard]] static QString summaryText(const capture::CaptureRecord &record);
    [[nodiscard]] static QString summaryText(const capture::CaptureRecord &record, const DeflateFacts &facts);
    [[nodiscard]] static QString directionText(capture::Direction direction);
    // A row the proxy's intercept changed: "[edited]" before its summary, and what that means.
    [[nodiscard]] static QString interventionTag(capture::FrameIntervention::Action action);
    [[nodiscard]] static QString interventionToolTip(capture::FrameIntervention::Action action);
    [[nodiscard]] static QString transportText(capture::Transport transport);
    [[nodiscard]] static QString kindText(const capture::CaptureRecord &record);
    [[nodiscard]] static bool isError(const capture::CaptureRecord &record);
    [[nodiscard]] static bool isError(const capture::RecordDigest &digest);

public Q_SLOTS:
    void appendBatch(const wslab::capture::CaptureBatch &batch);
    void append(const wslab::capture::CaptureRecord &record);
    void setConnectionName(quint64 connectionId, const QString &name);
    void clear();

private:
    [[nodiscard]] QString headerToolTip(int section) const;
    // The row's record for the length of one call: points into the deque (owning nothing) or
    // shares the store's copy.
    [[nodiscard]] std::shared_ptr<const capture::CaptureRecord> recordAt(int row) const;
    [[nodiscard]] qint64 timeNsAt(int row) const;
    [[nodiscard]] quint64 idAt(int row) const;
    [[nodiscard]] QVariant displayData(const capture::CaptureRecord &record, int row, int column) const;
    [[nodiscard]] QVariant toolTipData(const capture::CaptureRecord &record, int row, int column) const;
    [[nodiscard]] QString connectionText(quint64 connectionId) const;
    [[nodiscard]] static qint64 recordBytes(const capture::CaptureRecord &record);
    void capPayload(capture::CaptureRecord &record) const;
    quint64 takeNumber(const capture::CaptureRecord &record);
    void markDelivered(const capture::CaptureRecord &delivered);
    void appendToStore(const capture::CaptureBatch &batch);
    // After a batch's rows are in: held rows delivered, compressed messages grown.
    void finishBatch(const QList<const capture::CaptureRecord *> &delivered, const QList<quint64> &grownFirstFrames);
    void trackDeflate(const capture::CaptureRecord &record, QList<quint64> &grownFirstFrames);
    void evictFront(int count);
    [[nodiscard]] int rowsOverBudget(qint64 incomingBytes, int incomingRows) const;

    std::deque<capture::CaptureRecord> m_records; // unless m_store
    std::unique_ptr<capture::RecordStore> m_store;
    std::optional<capture::SpilledBatch> m_nextSpilled;
    QHash<quint64, QString> m_connectionNames;
    QSet<quint64> m_pendingHeld; // ids of held frames not delivered yet
    // permessage-deflate: record id -> DEFLATE bytes of its message so far, for the frames of
    // compressed messages only; and the compressed message each stream (connection and direction)
    // is in the middle of, keyed by connection id * 2 + direction.
    struct DeflateStream
    {
        quint64 firstId = 0;
        qint64 deflatedSize = 0;
    };
    QHash<quint64, qint64> m_deflatedSizes;
    QHash<quint64, DeflateStream> m_deflateStreams;
    int m_rowCap = defaultRowCap;
    qint64 m_payloadCap = defaultPayloadCap;
    qint64 m_byteBudget = defaultByteBudget;
    qint64 m_storedBytes = 0;
    quint64 m_evicted = 0;
    std::deque<quint64> m_numbers; // number() of each row, beside m_records (unless m_store)
    // With m_store, rows are never evicted, so a row's number follows from the rows without one
    // before it (the page's bookkeeping, rare): 8 bytes a row less for a file of a million rows.
    std::vector<int> m_unnumberedRows; // ascending
    quint64 m_nextNumber = 1;
    qint64 m_timeOriginNs = -1;  // -1: no record since the last clear()
};

} // namespace wslab::inspector
