#pragma once

#include "capture/capturerecord.h"
#include "proxy/frameedit.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace wslab::protocol {
class PerMessageDeflate;
}

namespace wslab::app {

// Edits a held frame, or writes one to inject, field by field (RFC 6455 §5.2): FIN, RSV1-3, any of
// the sixteen opcodes, the MASK bit and its key, the length form (as needed, or 7 / 16 / 64 bits
// even when not minimal) and, on purpose, a declared length that is wrong; the payload as text or
// hex, optionally compressed (RFC 7692). The bytes that will be sent are shown as they change.
class FrameEditDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { Edit, Inject };
    // The length form's choices, as the combo box's data.
    enum class LengthChoice { AsNeeded = -1, Short7 = 0, Extended16 = 1, Extended64 = 2 };

    explicit FrameEditDialog(Purpose purpose, QWidget *parent = nullptr);

    // Fills every field from a frame (a held one, as FrameEdit::of gives it). A payload that is
    // not UTF-8, or a binary frame, is shown as hex.
    void setEdit(const proxy::FrameEdit &edit);
    // Inject: the connections to choose from and the direction; the MASK bit follows the direction
    // (a client masks, RFC 6455 §5.3) until the user sets it.
    void setTargets(const QList<quint64> &connections, quint64 current, capture::Direction direction);

    // The frame as the fields say (the length form resolved); nullopt while the hex does not parse.
    [[nodiscard]] std::optional<proxy::FrameEdit> edit() const;
    // The bytes edit() builds (compressed as a fresh permessage-deflate context would).
    [[nodiscard]] QByteArray previewBytes() const;
    [[nodiscard]] quint64 targetConnection() const;
    [[nodiscard]] capture::Direction targetDirection() const;

    // Byte dump "0000  81 05 48 65 …", 16 bytes a line.
    [[nodiscard]] static QString hexDump(const QByteArray &bytes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createWidgets();
    void layOut();
    void retranslate();
    void updatePreview();
    void switchPayloadKind();
    void onDirectionChanged();
    void showCompressionRsv1();
    [[nodiscard]] bool hexPayload() const;
    [[nodiscard]] std::optional<QByteArray> payloadBytes() const;
    [[nodiscard]] std::optional<protocol::MaskKey> maskKey() const;
    [[nodiscard]] protocol::PerMessageDeflate deflater() const;
    [[nodiscard]] QByteArray compressed(const QByteArray &payload) const;

    Purpose m_purpose;
    QLabel *m_targetLabel = nullptr;
    QComboBox *m_connection = nullptr;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_fin = nullptr;
    QCheckBox *m_rsv[3] = {nullptr, nullptr, nullptr};
    QLabel *m_opcodeLabel = nullptr;
    QComboBox *m_opcode = nullptr;
    QCheckBox *m_masked = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_randomKey = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QComboBox *m_lengthForm = nullptr;
    QCheckBox *m_wrongLength = nullptr;
    QLineEdit *m_declared = nullptr;
    QLabel *m_payloadLabel = nullptr;
    QComboBox *m_payloadKind = nullptr;
    QCheckBox *m_compress = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLabel *m_previewLabel = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_previewNote = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_maskSetByUser = false;
    bool m_rsv1Chosen = false; // the RSV1 box's own state, kept while Compress overrides what it shows
};

} // namespace wslab::app
