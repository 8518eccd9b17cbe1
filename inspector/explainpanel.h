#pragma once

#include "connectionends.h"
#include "deflatepreview.h"
#include "framenarrator.h"

#include "capture/capturerecord.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QTextBrowser;
QT_END_NAMESPACE

namespace wslab::inspector {

// What the parser read, in order, in plain language (FrameNarrator), grouped by the bytes it read
// and coloured like the bit diagram. One step can be current (the "next field" stepping); clicking
// a step makes it current and emits fieldActivated. Other records get a short explanation.
class ExplainPanel : public QWidget
{
    Q_OBJECT
public:
    using Ends = ConnectionEnds;

    explicit ExplainPanel(QWidget *parent = nullptr);

    // Applies from the next setRecord().
    void setEnds(Ends ends) { m_ends = ends; }
    [[nodiscard]] Ends ends() const noexcept { return m_ends; }
    // The translated name of the end that sent in `direction` ("the browser", "wslab (the client)").
    [[nodiscard]] QString endName(capture::Direction direction) const;

    // `number`: as the table numbers the row (FrameCaptureModel::number()); 0: the record id.
    void setRecord(const capture::CaptureRecord &record, quint64 number = 0);
    void setFrame(const protocol::DecodedFrame &frame, FrameNarrator::Sender sender = {});
    // permessage-deflate (RFC 7692): a paragraph on the compressed message the frame belongs to,
    // above the steps; setRecord() writes it from what the record alone tells.
    void setCompression(const DeflateFacts &facts, qint64 inflatedSize);
    void clear();

    [[nodiscard]] const QList<NarrationStep> &steps() const noexcept { return m_steps; }
    [[nodiscard]] int currentStep() const noexcept { return m_current; }
    [[nodiscard]] QString html() const;
    [[nodiscard]] QString plainText() const;

public Q_SLOTS:
    void setCurrentStep(int step); // -1 for none
    void highlightField(wslab::protocol::FieldId field);

Q_SIGNALS:
    void fieldActivated(wslab::protocol::FieldId field);
    void currentStepChanged(int step);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    [[nodiscard]] QString stepsHtml() const;
    [[nodiscard]] QString violationText(const capture::CaptureRecord &record) const;
    [[nodiscard]] QString protocolErrorText(const capture::CaptureRecord &record) const;
    [[nodiscard]] static QString failingCloseText(const capture::CaptureRecord &record);
    [[nodiscard]] static QString connectionClosedText(const capture::CaptureRecord &record);

    QTextBrowser *m_browser = nullptr;
    QList<NarrationStep> m_steps;
    QString m_intro; // a line above the steps, or the whole text for records that are not frames
    QString m_outro; // an error the parser stopped at
    QString m_compression; // what permessage-deflate did to the message, if anything
    int m_current = -1;
    Ends m_ends = Ends::ClientAndServer;
};

} // namespace wslab::inspector
