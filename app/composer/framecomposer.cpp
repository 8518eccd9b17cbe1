#include "app/composer/framecomposer.h"

#include "app/composer/browserverdict.h"
#include "app/client/brokenframepanel.h"
#include "app/chat/clientlistmodel.h"

#include "inspector/bitdiagramview.h"
#include "inspector/framenarrator.h"
#include "inspector/hexview.h"
#include "server/protocol/decodeerror.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/framedecoder.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QStringDecoder>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace wslab::app {

using protocol::LengthForm;
using protocol::Opcode;

namespace {

constexpr int minimalFormIndex = 0; // the length form combo: minimal, then each form forced

QString keyText(const protocol::MaskKey &key)
{
    return QByteArray(reinterpret_cast<const char *>(key.data()), 4).toHex(' ');
}

std::optional<protocol::MaskKey> keyFromText(const QString &text)
{
    QString digits = text;
    digits.remove(QRegularExpression(QStringLiteral("\\s")));
    if (digits.size() != 8)
        return std::nullopt;
    const QByteArray bytes = QByteArray::fromHex(digits.toLatin1());
    if (bytes.size() != 4)
        return std::nullopt;
    return protocol::MaskKey{quint8(bytes[0]), quint8(bytes[1]), quint8(bytes[2]), quint8(bytes[3])};
}

// A word-wrapped label is as wide as its longest word; a payload preview such as "xxxx…" of a
// 126-byte ping would widen the whole pane. Zero-width spaces let long runs break anywhere.
QString breakableText(const QString &text)
{
    constexpr qsizetype chunk = 16;
    QString out;
    out.reserve(text.size() + text.size() / chunk);
    qsizetype run = 0;
    for (const QChar c : text) {
        run = c.isSpace() ? 0 : run + 1;
        if (run > chunk) {
            out += QChar(0x200B);
            run = 1;
        }
        out += c;
    }
    return out;
}

} // namespace

FrameComposer::FrameComposer(ClientListModel *clients, QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
{
    m_presetLabel = new QLabel(this);
    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("presets"));
    m_presetLabel->setBuddy(m_presets);
    m_expectation = new QLabel(this);
    m_expectation->setObjectName(QStringLiteral("expectation"));
    m_expectation->setWordWrap(true);

    m_frameTabs = new QTabBar(this);
    m_frameTabs->setObjectName(QStringLiteral("frameTabs"));
    m_frameTabs->setDrawBase(false);
    m_frameTabs->setExpanding(false);
    m_addFrame = new QToolButton(this);
    m_addFrame->setText(QStringLiteral("+"));
    m_removeFrame = new QToolButton(this);
    m_removeFrame->setText(QStringLiteral("−"));

    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(m_presetLabel);
    presetRow->addWidget(m_presets, 1);
    auto *tabRow = new QHBoxLayout;
    tabRow->addWidget(m_frameTabs, 1);
    tabRow->addWidget(m_addFrame);
    tabRow->addWidget(m_removeFrame);

    m_targetLabel = new QLabel(this);
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("composerTarget"));
    m_targetLabel->setBuddy(m_target);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("sendFrames"));
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_targetLabel);
    sendRow->addWidget(m_target, 1);
    sendRow->addWidget(m_send);

    // The fields above, the bytes they make below, each scrolling on its own: the preview stays in
    // view in a short dock (1366x768) while the fields scroll; the splitter trades one for the other.
    auto *editor = new QWidget;
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    m_brokenPanel = new BrokenFramePanel(editor);
    m_brokenPanel->hide(); // client mode only
    connect(m_brokenPanel, &BrokenFramePanel::sendRequested, this, &FrameComposer::brokenFrameRequested);
    editorLayout->addWidget(m_brokenPanel);
    editorLayout->addLayout(presetRow);
    editorLayout->addWidget(m_expectation);
    editorLayout->addLayout(tabRow);
    editorLayout->addWidget(createHeaderBox());
    editorLayout->addWidget(createPayloadBox());
    editorLayout->addStretch(1);
    m_editorScroll = new QScrollArea;
    m_editorScroll->setObjectName(QStringLiteral("composerFields"));
    m_editorScroll->setWidget(editor);
    m_previewScroll = new QScrollArea;
    m_previewScroll->setObjectName(QStringLiteral("composerPreview"));
    m_previewScroll->setWidget(createPreviewBox());
    for (QScrollArea *scroll : {m_editorScroll, m_previewScroll}) {
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
    }
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("composerSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_editorScroll);
    m_splitter->addWidget(m_previewScroll);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        m_splitChosen = true;
        balanceSplit();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(sendRow);

    for (ComposerPreset preset : ComposerPresets::all()) {
        if (ComposerPresets::isInvalid(preset) && !ComposerPresets::isInvalid(ComposerPreset(quint8(preset) - 1)))
            m_presets->insertSeparator(m_presets->count());
        m_presets->addItem(QString(), QVariant::fromValue(preset));
    }

    connect(m_presets, &QComboBox::activated, this, [this](int index) {
        const QVariant data = m_presets->itemData(index);
        if (data.isValid())
            loadPreset(data.value<ComposerPreset>());
    });
    connect(m_frameTabs, &QTabBar::currentChanged, this, &FrameComposer::selectFrame);
    connect(m_addFrame, &QToolButton::clicked, this, &FrameComposer::addFrame);
    connect(m_removeFrame, &QToolButton::clicked, this, &FrameComposer::removeFrame);
    connect(m_send, &QPushButton::clicked, this, &FrameComposer::send);
    connect(m_clients, &QAbstractItemModel::rowsInserted, this, &FrameComposer::refillTargets);
    connect(m_clients, &QAbstractItemModel::rowsRemoved, this, &FrameComposer::refillTargets);
    connect(m_clients, &QAbstractItemModel::modelReset, this, &FrameComposer::refillTargets);
    connect(m_clients, &QAbstractItemModel::dataChanged, this, &FrameComposer::refillTargets);

    retranslateUi();
    loadPreset(ComposerPreset::Text);
}

QWidget *FrameComposer::createHeaderBox()
{
    m_headerBox = new QGroupBox(this);
    m_headerBox->setObjectName(QStringLiteral("headerBox"));
    m_fin = new QCheckBox(QStringLiteral("FIN"), m_headerBox);
    m_fin->setObjectName(QStringLiteral("fin"));
    m_rsv1 = new QCheckBox(QStringLiteral("RSV1"), m_headerBox);
    m_rsv2 = new QCheckBox(QStringLiteral("RSV2"), m_headerBox);
    m_rsv3 = new QCheckBox(QStringLiteral("RSV3"), m_headerBox);
    m_opcodeLabel = new QLabel(m_headerBox);
    m_opcode = new QComboBox(m_headerBox);
    m_opcode->setObjectName(QStringLiteral("opcode"));
    m_opcodeLabel->setBuddy(m_opcode);
    m_mask = new QCheckBox(QStringLiteral("MASK"), m_headerBox);
    m_mask->setObjectName(QStringLiteral("mask"));
    m_maskKey = new QLineEdit(m_headerBox);
    m_maskKey->setObjectName(QStringLiteral("maskKey"));
    m_maskKey->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("([0-9a-fA-F]{2}\\s?){0,4}")), m_maskKey));
    m_randomKey = new QPushButton(m_headerBox);
    m_lengthLabel = new QLabel(m_headerBox);
    m_lengthForm = new QComboBox(m_headerBox);
    m_lengthForm->setObjectName(QStringLiteral("lengthForm"));
    m_lengthLabel->setBuddy(m_lengthForm);

    auto *bits = new QHBoxLayout;
    for (QCheckBox *box : {m_fin, m_rsv1, m_rsv2, m_rsv3})
        bits->addWidget(box);
    bits->addStretch(1);
    auto *maskRow = new QHBoxLayout;
    maskRow->addWidget(m_mask);
    maskRow->addWidget(m_maskKey, 1);
    maskRow->addWidget(m_randomKey);

    auto *form = new QFormLayout(m_headerBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(bits);
    form->addRow(m_opcodeLabel, m_opcode);
    form->addRow(maskRow);
    form->addRow(m_lengthLabel, m_lengthForm);

    for (QCheckBox *box : {m_fin, m_rsv1, m_rsv2, m_rsv3, m_mask})
        connect(box, &QCheckBox::toggled, this, &FrameComposer::readFields);
    connect(m_opcode, &QComboBox::currentIndexChanged, this, &FrameComposer::readFields);
    connect(m_lengthForm, &QComboBox::currentIndexChanged, this, &FrameComposer::readFields);
    connect(m_maskKey, &QLineEdit::textEdited, this, &FrameComposer::readFields);
    connect(m_randomKey, &QPushButton::clicked, this, &FrameComposer::randomKey);
    return m_headerBox;
}

QWidget *FrameComposer::createPayloadBox()
{
    m_payloadBox = new QGroupBox(this);
    m_payloadBox->setObjectName(QStringLiteral("payloadBox"));
    m_asText = new QRadioButton(m_payloadBox);
    m_asHex = new QRadioButton(m_payloadBox);
    m_asHex->setObjectName(QStringLiteral("payloadAsHex"));
    m_asText->setChecked(true);
    auto *group = new QButtonGroup(m_payloadBox);
    group->addButton(m_asText);
    group->addButton(m_asHex);
    m_payload = new QPlainTextEdit(m_payloadBox);
    m_payload->setObjectName(QStringLiteral("payload"));
    m_payload->setTabChangesFocus(true);
    m_payload->setFixedHeight(m_payload->fontMetrics().lineSpacing() * 3 + 12);

    auto *formatRow = new QHBoxLayout;
    formatRow->addWidget(m_asText);
    formatRow->addWidget(m_asHex);
    formatRow->addStretch(1);
    auto *layout = new QVBoxLayout(m_payloadBox);
    layout->addLayout(formatRow);
    layout->addWidget(m_payload);

    connect(m_payload, &QPlainTextEdit::textChanged, this, &FrameComposer::readFields);
    connect(m_asHex, &QRadioButton::toggled, this, [this](bool hex) {
        setPayloadFormat(hex ? PayloadFormat::Hex : PayloadFormat::Text);
    });
    return m_payloadBox;
}

QWidget *FrameComposer::createPreviewBox()
{
    m_previewBox = new QGroupBox(this);
    m_sizeSummary = new QLabel(m_previewBox);
    m_sizeSummary->setWordWrap(true); // a narrow pane: "… (64-bit length)" on a line of its own
    m_sizeSummary->setObjectName(QStringLiteral("sizeSummary"));
    m_hexView = new inspector::HexView(m_previewBox);
    m_hexView->setObjectName(QStringLiteral("composerHex"));
    // Three lines hold a composed frame's header and the start of its payload; the dump grows
    // into what the pane has beyond that (balanceSplit), never at the cost of the note under it.
    m_hexView->setMinimumHeight(m_hexView->minimumSizeHint().height());
    m_bitDiagram = new inspector::BitDiagramView(m_previewBox);
    m_bitDiagram->setObjectName(QStringLiteral("composerBits"));
    m_narration = new QLabel(m_previewBox);
    m_narration->setObjectName(QStringLiteral("narration"));
    m_narration->setWordWrap(true);
    m_narration->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict = new QLabel(m_previewBox);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);

    connect(m_bitDiagram, &inspector::BitDiagramView::fieldHovered, m_hexView, &inspector::HexView::highlightField);
    connect(m_bitDiagram, &inspector::BitDiagramView::hoverLeft, m_hexView, &inspector::HexView::clearHighlight);
    connect(m_hexView, &inspector::HexView::byteClicked, m_bitDiagram, &inspector::BitDiagramView::highlightByte);

    auto *layout = new QVBoxLayout(m_previewBox);
    layout->addWidget(m_sizeSummary);
    // The verdict first: when the pane is short, what scrolls away is the narration, which the
    // diagram and the dump show too.
    layout->addWidget(m_verdict);
    // In a narrow dock the diagram draws 16-bit rows and the dump 8 bytes a row: nothing scrolls
    // sideways.
    layout->addWidget(m_bitDiagram);
    layout->addWidget(m_hexView, 1);
    layout->addWidget(m_narration);
    return m_previewBox;
}

void FrameComposer::retranslateUi()
{
    m_presetLabel->setText(tr("&Preset:"));
    for (int i = 0; i < m_presets->count(); ++i) {
        const QVariant data = m_presets->itemData(i);
        if (data.isValid())
            m_presets->setItemText(i, QCoreApplication::translate(ComposerPresets::translationContext,
                                                                  ComposerPresets::title(data.value<ComposerPreset>())));
    }
    m_addFrame->setToolTip(tr("Add a frame after this one (to build a fragmented message)"));
    m_removeFrame->setToolTip(tr("Remove this frame"));

    m_headerBox->setTitle(tr("Header (RFC 6455 §5.2)"));
    m_fin->setToolTip(tr("FIN: 1 on the last frame of a message; control frames must have FIN = 1"));
    const QString rsvTip = tr("Reserved for extensions; must be 0 unless an extension defines it");
    for (QCheckBox *box : {m_rsv1, m_rsv2, m_rsv3})
        box->setToolTip(rsvTip);
    m_opcodeLabel->setText(tr("&Opcode:"));
    fillOpcodes();
    m_mask->setToolTip(m_clientMode
                               ? tr("A client must mask every frame (RFC 6455 §5.1); clear it to see the server refuse")
                               : tr("A server must not mask its frames (RFC 6455 §5.1); try it to see the browser "
                                    "refuse"));
    m_maskKey->setPlaceholderText(tr("key, 4 hex bytes"));
    m_randomKey->setText(tr("Random key"));
    m_lengthLabel->setText(tr("&Length form:"));
    fillLengthForms();

    m_payloadBox->setTitle(tr("Payload"));
    m_asText->setText(tr("&Text (UTF-8)"));
    m_asHex->setText(tr("&Hex"));
    m_previewBox->setTitle(tr("On the wire"));
    m_targetLabel->setText(tr("Send &to:"));
    refillTargets();
    refillFrameTabs();
    updatePreview();
}

void FrameComposer::fillOpcodes()
{
    const QSignalBlocker blocker(m_opcode);
    const int current = m_opcode->currentIndex();
    m_opcode->clear();
    for (int value = 0; value < 16; ++value) {
        const Opcode opcode = protocol::opcodeFromBits(quint8(value));
        QString text = QStringLiteral("0x%1  %2").arg(value, 0, 16).arg(QLatin1String(protocol::opcodeName(opcode)));
        if (protocol::isReserved(opcode))
            text += QLatin1String("  ") + tr("(browser must fail)");
        m_opcode->addItem(text, value);
    }
    m_opcode->setCurrentIndex(current < 0 ? 1 : current);
}

void FrameComposer::fillLengthForms()
{
    const QSignalBlocker blocker(m_lengthForm);
    const int current = m_lengthForm->currentIndex();
    m_lengthForm->clear();
    m_lengthForm->addItem(tr("Minimal (as the RFC requires)"));
    m_lengthForm->addItem(tr("Force 7-bit (0-125)"), int(LengthForm::Short7));
    m_lengthForm->addItem(tr("Force 7+16-bit (126, then 16 bits)"), int(LengthForm::Extended16));
    m_lengthForm->addItem(tr("Force 7+64-bit (127, then 64 bits)"), int(LengthForm::Extended64));
    m_lengthForm->setCurrentIndex(current < 0 ? minimalFormIndex : current);
}

void FrameComposer::refillTargets()
{
    const quint64 current = target();
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    if (m_clientMode) {
        m_target->addItem(m_serverUrl.isEmpty() ? tr("the server") : m_serverUrl, QVariant::fromValue(quint64(0)));
        m_send->setEnabled(canSend());
        m_brokenPanel->setSendEnabled(m_clientOpen);
        return;
    }
    m_target->addItem(tr("Every WebSocket client"), QVariant::fromValue(quint64(0)));
    for (int row = 0; row < m_clients->rowCount(); ++row) {
        const server::ClientInfo &client = m_clients->client(row);
        if (client.transport == capture::Transport::WebSocket)
            m_target->addItem(m_clients->displayName(client.connectionId), QVariant::fromValue(client.connectionId));
    }
    const int index = m_target->findData(QVariant::fromValue(current));
    m_target->setCurrentIndex(index < 0 ? 0 : index);
    m_send->setEnabled(m_target->count() > 1);
}

quint64 FrameComposer::target() const
{
    return m_target->count() == 0 ? 0 : m_target->currentData().toULongLong();
}

void FrameComposer::refillFrameTabs()
{
    const QSignalBlocker blocker(m_frameTabs);
    while (m_frameTabs->count() > m_frames.size())
        m_frameTabs->removeTab(m_frameTabs->count() - 1);
    while (m_frameTabs->count() < m_frames.size())
        m_frameTabs->addTab(QString());
    for (int i = 0; i < m_frames.size(); ++i)
        m_frameTabs->setTabText(i, tr("Frame %1").arg(i + 1));
    m_frameTabs->setCurrentIndex(m_current);
    m_removeFrame->setEnabled(m_frames.size() > 1);
    m_send->setText(m_frames.size() == 1 ? tr("Send frame") : tr("Send %1 frames").arg(m_frames.size()));
}

void FrameComposer::loadPreset(ComposerPreset preset)
{
    m_preset = preset;
    const int index = m_presets->findData(QVariant::fromValue(preset));
    if (index >= 0)
        m_presets->setCurrentIndex(index);
    QList<ComposedFrame> frames = ComposerPresets::frames(preset);
    maskForClient(frames);
    setFrames(frames);
    // Payloads that are not text read better as hex.
    const bool hex = preset == ComposerPreset::Binary || preset == ComposerPreset::InvalidUtf8Text
            || preset == ComposerPreset::Close;
    setPayloadFormat(hex ? PayloadFormat::Hex : PayloadFormat::Text);
}

void FrameComposer::setFrames(const QList<ComposedFrame> &frames)
{
    m_frames = frames.isEmpty() ? QList<ComposedFrame>{ComposerPresets::frame(Opcode::Text, {})} : frames;
    m_current = 0;
    refillFrameTabs();
    showFrame(m_frames.first());
    updatePreview();
    Q_EMIT framesChanged();
}

void FrameComposer::selectFrame(int index)
{
    if (index < 0 || index >= m_frames.size())
        return;
    m_current = index;
    refillFrameTabs();
    showFrame(m_frames.at(index));
    updatePreview();
}

void FrameComposer::addFrame()
{
    // A continuation of the message, which makes the current frame a non-final fragment.
    m_frames[m_current].header.fin = false;
    QList<ComposedFrame> more{ComposerPresets::frame(Opcode::Continuation, QByteArrayLiteral("more"))};
    maskForClient(more);
    m_frames.insert(m_current + 1, more.first());
    m_preset.reset();
    selectFrame(m_current + 1);
    Q_EMIT framesChanged();
}

void FrameComposer::removeFrame()
{
    if (m_frames.size() <= 1)
        return;
    m_frames.removeAt(m_current);
    m_preset.reset();
    selectFrame(std::min<int>(m_current, int(m_frames.size()) - 1));
    Q_EMIT framesChanged();
}

void FrameComposer::showFrame(const ComposedFrame &frame)
{
    m_updating = true;
    const protocol::FrameHeader &h = frame.header;
    m_fin->setChecked(h.fin);
    m_rsv1->setChecked(h.rsv1);
    m_rsv2->setChecked(h.rsv2);
    m_rsv3->setChecked(h.rsv3);
    m_opcode->setCurrentIndex(int(h.opcode));
    m_mask->setChecked(h.masked);
    m_maskKey->setText(keyText(h.maskKey));
    m_maskKey->setEnabled(h.masked);
    m_randomKey->setEnabled(h.masked);
    const bool minimal = h.lengthForm == protocol::minimalLengthForm(quint64(frame.payload.size()));
    m_lengthForm->setCurrentIndex(minimal ? minimalFormIndex : m_lengthForm->findData(int(h.lengthForm)));
    const bool hex = m_asHex->isChecked();
    m_payload->setPlainText(hex ? QString::fromLatin1(frame.payload.toHex(' ')) : QString::fromUtf8(frame.payload));
    m_updating = false;
}

void FrameComposer::setPayloadFormat(PayloadFormat format)
{
    const bool hex = format == PayloadFormat::Hex;
    if (m_asHex->isChecked() != hex) {
        const QSignalBlocker blocker(m_asHex);
        m_asHex->setChecked(hex);
        m_asText->setChecked(!hex);
    }
    showFrame(m_frames.value(m_current));
    updatePreview();
}

QByteArray FrameComposer::payloadFromEditor(bool *ok) const
{
    const QString text = m_payload->toPlainText();
    *ok = true;
    if (!m_asHex->isChecked())
        return text.toUtf8();
    QString digits = text;
    digits.remove(QRegularExpression(QStringLiteral("\\s|0x|,")));
    if (digits.size() % 2 != 0 || digits.contains(QRegularExpression(QStringLiteral("[^0-9a-fA-F]")))) {
        *ok = false;
        return {};
    }
    return QByteArray::fromHex(digits.toLatin1());
}

void FrameComposer::readFields()
{
    if (m_updating || m_frames.isEmpty())
        return;
    ComposedFrame &frame = m_frames[m_current];
    protocol::FrameHeader &h = frame.header;
    h.fin = m_fin->isChecked();
    h.rsv1 = m_rsv1->isChecked();
    h.rsv2 = m_rsv2->isChecked();
    h.rsv3 = m_rsv3->isChecked();
    h.opcode = protocol::opcodeFromBits(quint8(std::max(0, m_opcode->currentIndex())));
    h.masked = m_mask->isChecked();
    m_maskKey->setEnabled(h.masked);
    m_randomKey->setEnabled(h.masked);
    if (const auto key = keyFromText(m_maskKey->text()))
        h.maskKey = *key;

    bool ok = true;
    const QByteArray payload = payloadFromEditor(&ok);
    m_payloadValid = ok;
    if (ok)
        frame.payload = payload;
    h.payloadLength = quint64(frame.payload.size());
    const QVariant forced = m_lengthForm->currentData();
    h.lengthForm = forced.isValid() ? LengthForm(forced.toInt()) : protocol::minimalLengthForm(h.payloadLength);
    m_preset.reset();
    updatePreview();
    Q_EMIT framesChanged();
}

void FrameComposer::randomKey()
{
    m_maskKey->setText(keyText(protocol::FrameEncoder::randomMaskKey()));
    readFields();
}

QByteArray FrameComposer::wireBytes() const
{
    QByteArray bytes;
    for (const ComposedFrame &frame : m_frames)
        bytes += frame.wireBytes();
    return bytes;
}

QString FrameComposer::violation() const
{
    const protocol::Role receiver = m_clientMode ? protocol::Role::Server : protocol::Role::Client;
    const auto found = BrowserVerdict::firstViolation(m_frames, receiver);
    if (!found)
        return {};
    const QString reason = QCoreApplication::translate(protocol::decodeErrorContext,
                                                       protocol::decodeErrorReason(found->error));
    if (m_clientMode)
        return tr("Frame %1 breaks a rule: %2. The server must fail the connection (close %3).")
                .arg(found->frameIndex + 1)
                .arg(reason)
                .arg(protocol::closeCodeFor(found->error));
    return tr("Frame %1 breaks a rule: %2. The browser must fail the connection (close %3).")
            .arg(found->frameIndex + 1)
            .arg(reason)
            .arg(protocol::closeCodeFor(found->error));
}

void FrameComposer::updatePreview()
{
    if (m_frames.isEmpty() || !m_hexView)
        return;
    const ComposedFrame &frame = m_frames.at(m_current);

    if (m_clientMode) {
        m_expectation->setText(tr("A client frame to the server, masked with the key below as RFC 6455 §5.3 "
                                  "requires. The note under the bytes says what the server must do with it."));
    } else if (m_preset) {
        m_expectation->setText(QCoreApplication::translate(ComposerPresets::translationContext,
                                                           ComposerPresets::expectation(*m_preset)));
    } else {
        m_expectation->setText(tr("Your own frame. The note under the bytes says what a browser makes of it."));
    }
    // Fixed text and fill colours together, so the note reads the same on light and dark palettes.
    const bool invalid = m_clientMode ? !violation().isEmpty() : m_preset && ComposerPresets::isInvalid(*m_preset);
    m_expectation->setStyleSheet(invalid ? QStringLiteral("QLabel { background: #fdecea; color: #5f1a14; "
                                                          "border: 1px solid #f1b7b1; border-radius: 4px; padding: 4px; }")
                                         : QStringLiteral("QLabel { background: #e8f4ea; color: #18401f; "
                                                          "border: 1px solid #b6dbbd; border-radius: 4px; padding: 4px; }"));

    const QByteArray wire = frame.wireBytes();
    const auto decoded = protocol::FrameDecoder::readFrame(wire);
    if (decoded) {
        m_hexView->setFrame(*decoded);
        // The server sends what the composer builds: MASK is judged as a server's (RFC 6455 §5.1).
        // In client mode the frames go the other way (Inbound: client to server), masked.
        const capture::Direction direction = m_clientMode ? capture::Direction::Inbound : capture::Direction::Outbound;
        m_bitDiagram->setFrame(*decoded, direction);
        // As tall as this frame's diagram (2 to 5 rows), plus room for the sideways scroll bar.
        m_narration->setText(breakableText(inspector::FrameNarrator::summary(*decoded, direction)));
    } else {
        m_hexView->setBytes(wire);
        m_bitDiagram->clear();
        m_narration->clear();
    }
    m_sizeSummary->setText(tr("%1 bytes: %2 header + %3 payload (%4 length)")
                                   .arg(wire.size())
                                   .arg(frame.header.size())
                                   .arg(frame.payload.size())
                                   .arg(QCoreApplication::translate("wslab::protocol::LengthForm",
                                                                  protocol::lengthFormName(frame.header.lengthForm))));

    QString verdict;
    if (!m_payloadValid)
        verdict = tr("The payload is not hex: type pairs of hex digits. The last valid payload is shown.");
    else if (!protocol::lengthFitsForm(frame.header.payloadLength, frame.header.lengthForm))
        verdict = tr("The payload is too long for the forced length form.");
    else if (const QString broken = violation(); !broken.isEmpty())
        verdict = broken;
    else if (m_clientMode && BrowserVerdict::leavesMessageOpen(m_frames, protocol::Role::Server))
        verdict = tr("Valid so far, but the message is not finished: the server waits for a frame with FIN = 1.");
    else if (m_clientMode)
        verdict = tr("Valid: a server accepts these frames.");
    else if (BrowserVerdict::leavesMessageOpen(m_frames))
        verdict = tr("Valid so far, but the message is not finished: the browser waits for a frame with FIN = 1.");
    else
        verdict = tr("Valid: a browser accepts these frames.");
    m_verdict->setText(verdict);
    balanceSplit(); // a longer header or note needs more room
    m_send->setEnabled(canSend());
}

bool FrameComposer::canSend() const
{
    const ComposedFrame &frame = m_frames.at(m_current);
    const bool someone = m_clientMode ? m_clientOpen : m_target->count() > 1;
    return m_payloadValid && someone && protocol::lengthFitsForm(frame.header.payloadLength, frame.header.lengthForm);
}

// RFC 6455 §5.3: every client frame masked, each with a fresh key from a strong source.
void FrameComposer::maskForClient(QList<ComposedFrame> &frames) const
{
    if (!m_clientMode)
        return;
    for (ComposedFrame &frame : frames) {
        frame.header.masked = true;
        frame.header.maskKey = protocol::FrameEncoder::randomMaskKey();
    }
}

void FrameComposer::setClientMode(bool on)
{
    if (m_clientMode == on)
        return;
    m_clientMode = on;
    m_clientOpen = false;
    m_brokenPanel->setVisible(on);
    m_brokenPanel->clearVerdict();
    m_target->setEnabled(!on);
    retranslateUi();
    loadPreset(m_preset.value_or(ComposerPreset::Text));
}

void FrameComposer::setClientOpen(bool open, const QString &serverUrl)
{
    m_clientOpen = open;
    m_serverUrl = serverUrl;
    refillTargets();
}

void FrameComposer::send()
{
    if (m_clientMode) {
        Q_EMIT clientFramesRequested(wireBytes());
        return;
    }
    const quint64 to = target();
    for (const ComposedFrame &frame : std::as_const(m_frames))
        Q_EMIT sendRawFrameRequested(to, frame.wireBytes());
}

void FrameComposer::balanceSplit()
{
    if (!m_splitter || !isVisible())
        return;
    // Measured at the width left beside a scroll bar: narrower is taller, so the estimate is safe.
    const int width = m_splitter->width() - style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const auto heightAt = [width](const QWidget *widget) {
        return widget->hasHeightForWidth() ? widget->heightForWidth(width) : widget->sizeHint().height();
    };
    const int hexMinimum = m_hexView->minimumHeight();
    m_hexView->setMaximumHeight(hexMinimum);
    const int previewNeed = heightAt(m_previewScroll->widget());
    if (!m_splitChosen) {
        const int total = m_splitter->height() - m_splitter->handleWidth();
        const int editorNeed = heightAt(m_editorScroll->widget());
        // The fields down to the header's last row stay in view; the payload box may scroll.
        const int headerNeed = editorNeed - m_payloadBox->sizeHint().height()
                - m_editorScroll->widget()->layout()->spacing();
        const int editorHeight = std::clamp(total - previewNeed, std::min(headerNeed, total * 2 / 3), editorNeed);
        m_splitter->setSizes({editorHeight, total - editorHeight});
    }
    // The hex dump takes what the preview has beyond its need.
    const int spare = m_previewScroll->viewport()->height() - previewNeed;
    m_hexView->setMaximumHeight(hexMinimum + std::max(0, spare));
}

void FrameComposer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    balanceSplit();
}

void FrameComposer::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    balanceSplit();
}

void FrameComposer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
