#pragma once

#include "capture/capturerecord.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTextEdit;
QT_END_NAMESPACE

namespace wslab::inspector {

// A frame the proxy's intercept changed, side by side: the bytes its sender wrote and the bytes
// its receiver got, in hex, with every byte that differs (or exists on one side only) highlighted.
// A dropped frame has nothing on the forwarded side; an injected one nothing on the original side.
class InterventionView : public QWidget
{
    Q_OBJECT
public:
    explicit InterventionView(QWidget *parent = nullptr);

    void setRecord(const capture::CaptureRecord &record);
    void clear();

    // The sender's bytes and the receiver's, as shown (empty on the side that has none).
    [[nodiscard]] QByteArray originalBytes() const { return m_original; }
    [[nodiscard]] QByteArray forwardedBytes() const { return m_forwarded; }
    // Offsets highlighted on both sides: where the bytes differ, or only one side has a byte.
    [[nodiscard]] QList<qsizetype> differingOffsets() const;
    [[nodiscard]] QString summaryText() const;

    // "0000  81 85 …" with the differing bytes in a highlighted span (HTML, `perLine` bytes a line).
    [[nodiscard]] static QString hexHtml(const QByteArray &bytes, const QByteArray &other, const QColor &highlight,
                                         int perLine = 16);
    // 16, 8 or 4: as many as the narrower side shows without scrolling sideways.
    [[nodiscard]] int bytesPerLine() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    void refresh();

    std::shared_ptr<const capture::FrameIntervention> m_intervention;
    QByteArray m_original;
    QByteArray m_forwarded;
    QLabel *m_summary = nullptr;
    QLabel *m_originalTitle = nullptr;
    QLabel *m_forwardedTitle = nullptr;
    QTextEdit *m_originalHex = nullptr;
    QTextEdit *m_forwardedHex = nullptr;
};

} // namespace wslab::inspector
