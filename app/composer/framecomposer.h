#pragma once

#include "app/composer/composerpresets.h"

#include "client/brokenframes.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QSplitter;
class QTabBar;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::inspector {
class BitDiagramView;
class HexView;
} // namespace wslab::inspector

namespace wslab::app {

class BrokenFramePanel;
class ClientListModel;

// Crafts server -> client frames field by field (RFC 6455 §5.2), valid or not, with a live preview
// of the exact bytes and a note on what a browser must do with them. A preset may be a sequence
// (a fragmented message); the frames are sent in order, each written as it is.
// In client mode (issue 11) it crafts client -> server frames instead: masked with the key shown
// (random or typed), judged as a server must read them, sent to the server wslab is connected to;
// and BrokenFramePanel sends the BrokenFrames presets and shows the server's verdict.
class FrameComposer : public QWidget
{
    Q_OBJECT
public:
    enum class PayloadFormat : quint8 { Text, Hex };

    explicit FrameComposer(ClientListModel *clients, QWidget *parent = nullptr);

    [[nodiscard]] QList<ComposedFrame> frames() const { return m_frames; }
    [[nodiscard]] int currentFrameIndex() const { return m_current; }
    [[nodiscard]] ComposedFrame currentFrame() const { return m_frames.value(m_current); }
    [[nodiscard]] QByteArray wireBytes() const; // every frame, concatenated
    [[nodiscard]] quint64 target() const;       // 0 = every WebSocket client
    // Why a browser would reject the current frame, translated; empty when it is valid.
    [[nodiscard]] QString violation() const;
    [[nodiscard]] bool isClientMode() const { return m_clientMode; }
    [[nodiscard]] BrokenFramePanel *brokenFramePanel() const { return m_brokenPanel; }

public Q_SLOTS:
    void loadPreset(wslab::app::ComposerPreset preset);
    void setFrames(const QList<wslab::app::ComposedFrame> &frames);
    void selectFrame(int index);
    void setPayloadFormat(wslab::app::FrameComposer::PayloadFormat format);
    void send();
    void setClientMode(bool on);
    void setClientOpen(bool open, const QString &serverUrl);

Q_SIGNALS:
    void sendRawFrameRequested(quint64 connectionId, const QByteArray &wireBytes);
    void framesChanged();
    // Client mode: the frames to the server, and a broken preset for ClientHost to send and judge.
    void clientFramesRequested(const QByteArray &wireBytes);
    void brokenFrameRequested(wslab::client::BrokenFrame preset);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createHeaderBox();
    QWidget *createPayloadBox();
    QWidget *createPreviewBox();
    void retranslateUi();
    void fillOpcodes();
    void fillLengthForms();
    void refillTargets();
    void refillFrameTabs();
    void showFrame(const ComposedFrame &frame);
    void readFields();      // widgets -> m_frames[m_current]
    void updatePreview();
    void balanceSplit();
    void addFrame();
    void removeFrame();
    void randomKey();
    [[nodiscard]] QByteArray payloadFromEditor(bool *ok) const;
    void maskForClient(QList<ComposedFrame> &frames) const;
    [[nodiscard]] bool canSend() const;

    ClientListModel *m_clients;
    QList<ComposedFrame> m_frames;
    int m_current = 0;
    std::optional<ComposerPreset> m_preset;
    bool m_updating = false;
    bool m_payloadValid = true;
    bool m_splitChosen = false; // the learner moved the splitter: their sizes stay

    QLabel *m_presetLabel = nullptr;
    QComboBox *m_presets = nullptr;
    QLabel *m_expectation = nullptr;
    QTabBar *m_frameTabs = nullptr;
    QToolButton *m_addFrame = nullptr;
    QToolButton *m_removeFrame = nullptr;

    QSplitter *m_splitter = nullptr;
    QScrollArea *m_editorScroll = nullptr;
    QScrollArea *m_previewScroll = nullptr;
    QGroupBox *m_headerBox = nullptr;
    QCheckBox *m_fin = nullptr;
    QCheckBox *m_rsv1 = nullptr;
    QCheckBox *m_rsv2 = nullptr;
    QCheckBox *m_rsv3 = nullptr;
    QLabel *m_opcodeLabel = nullptr;
    QComboBox *m_opcode = nullptr;
    QCheckBox *m_mask = nullptr;
    QLineEdit *m_maskKey = nullptr;
    QPushButton *m_randomKey = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QComboBox *m_lengthForm = nullptr;

    QGroupBox *m_payloadBox = nullptr;
    QRadioButton *m_asText = nullptr;
    QRadioButton *m_asHex = nullptr;
    QPlainTextEdit *m_payload = nullptr;

    QGroupBox *m_previewBox = nullptr;
    QLabel *m_sizeSummary = nullptr;
    inspector::HexView *m_hexView = nullptr;
    inspector::BitDiagramView *m_bitDiagram = nullptr;
    QLabel *m_narration = nullptr;
    QLabel *m_verdict = nullptr;

    QLabel *m_targetLabel = nullptr;
    QComboBox *m_target = nullptr;
    QPushButton *m_send = nullptr;

    BrokenFramePanel *m_brokenPanel = nullptr;
    bool m_clientMode = false;
    bool m_clientOpen = false;
    QString m_serverUrl;
};

} // namespace wslab::app

Q_DECLARE_METATYPE(wslab::app::ComposerPreset)
