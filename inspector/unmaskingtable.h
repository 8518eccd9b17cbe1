#pragma once

#include "server/protocol/decodedframe.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace wslab::inspector {

class UnmaskingModel;

// The unmasking lesson: the formula, the key, and the byte-by-byte table (lazily filled as the
// learner scrolls). Unmasked frames get a sentence saying why there is nothing to unmask.
class UnmaskingTable : public QWidget
{
    Q_OBJECT
public:
    explicit UnmaskingTable(QWidget *parent = nullptr);

    void setFrame(const protocol::DecodedFrame &frame);
    void clear();

    [[nodiscard]] UnmaskingModel *model() const noexcept { return m_model; }
    [[nodiscard]] QTableView *view() const noexcept { return m_view; }
    [[nodiscard]] QString statusText() const;

Q_SIGNALS:
    void byteSelected(qint64 payloadIndex); // the learner clicked a row

private:
    void updateStatus();
    void fitIndexColumn();

    UnmaskingModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_formula = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_notMasked = nullptr;
    QStackedWidget *m_stack = nullptr;
};

} // namespace wslab::inspector
