#pragma once

#include "deflatepreview.h"

#include "server/protocol/decodedframe.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QTabWidget;
QT_END_NAMESPACE

namespace wslab::inspector {

// A frame's (or a reassembled message's) payload: as UTF-8 text, as pretty JSON when it parses, as
// hex, and masked next to unmasked. Binary stays binary (no text tab unless the bytes are UTF-8);
// close frames are read as code + registered name + reason. Long payloads are shown up to
// displayCap bytes (the hex view above has every byte). A compressed message (permessage-deflate,
// RFC 7692) keeps its DEFLATE bytes in the hex tabs, never as text, and shows the message the
// application got in an extra tab, with what RSV1 and the sizes mean.
class PayloadView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode : quint8 { Text, Json, Hex, MaskedUnmasked, Inflated };
    Q_ENUM(Mode)

    static constexpr qsizetype displayCap = 256 * 1024; // hex dumps and JSON
    // Wrapped text costs far more to lay out than a dump (a 256 KiB line takes seconds), so the
    // text tab shows less.
    static constexpr qsizetype textCap = 16 * 1024;

    explicit PayloadView(QWidget *parent = nullptr);

    // `deflated`: the payload is DEFLATE data (the frame continues a compressed message); a frame
    // with RSV1 on a data opcode is taken as deflated anyway.
    void setFrame(const protocol::DecodedFrame &frame, bool deflated = false);
    // A message reassembled from `frameCount` fragments (RFC 6455 §5.4): no masking to show.
    void setMessage(protocol::Opcode opcode, const QByteArray &payload, int frameCount, bool deflated = false);
    // The compressed message inflated (`message`, of `messageSize` bytes before any capture cut):
    // enables the Inflated tab and shows it.
    void setInflated(const QByteArray &message, qint64 messageSize, const DeflateFacts &facts);
    void clear();

    [[nodiscard]] Mode currentMode() const;
    void setCurrentMode(Mode mode);
    [[nodiscard]] bool isModeAvailable(Mode mode) const;
    [[nodiscard]] QString summary() const;           // the line above the tabs
    [[nodiscard]] QString content(Mode mode) const;  // the text shown in that tab

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void show(protocol::Opcode opcode, const QByteArray &payload, const std::optional<QByteArray> &wire,
              const QString &summary, bool deflated);
    [[nodiscard]] static QString frameKind(protocol::Opcode opcode);
    [[nodiscard]] static QString messageKind(protocol::Opcode opcode);
    [[nodiscard]] QPlainTextEdit *makeEditor();
    [[nodiscard]] QString capped(const QString &text, qsizetype bytes, qsizetype cap = displayCap) const;

    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QPlainTextEdit *m_hex = nullptr;
    QPlainTextEdit *m_masked = nullptr;
    QPlainTextEdit *m_unmasked = nullptr;
    QWidget *m_sideBySide = nullptr;
    QLabel *m_maskedLabel = nullptr;
    QLabel *m_unmaskedLabel = nullptr;
    QLabel *m_inflatedNote = nullptr;
    QPlainTextEdit *m_inflated = nullptr;
};

} // namespace wslab::inspector
