#include "app/intercept/frameeditdialog.h"

#include "inspector/sentences.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/opcode.h"
#include "server/protocol/permessagedeflate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace wslab::app {

namespace {

constexpr int bytesPerLine = 16;

QString keyText(const protocol::MaskKey &key)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(key.data()), 4).toHex(' '));
}

} // namespace

FrameEditDialog::FrameEditDialog(Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_purpose(purpose)
{
    setObjectName(QStringLiteral("frameEditDialog"));
    createWidgets();
    layOut();
    retranslate();
    setEdit(proxy::FrameEdit{});
    if (purpose == Purpose::Inject)
        m_key->setText(keyText(protocol::FrameEncoder::randomMaskKey()));
    m_payload->setFocus(); // what is changed most often
}

void FrameEditDialog::createWidgets()
{
    m_targetLabel = new QLabel(this);
    m_connection = new QComboBox(this);
    m_connection->setObjectName(QStringLiteral("connection"));
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("direction"));
    m_direction->addItem(QString(), int(capture::Direction::Inbound));
    m_direction->addItem(QString(), int(capture::Direction::Outbound));
    m_fin = new QCheckBox(QStringLiteral("FIN"), this);
    m_fin->setObjectName(QStringLiteral("fin"));
    for (int i = 0; i < 3; ++i) {
        m_rsv[i] = new QCheckBox(QStringLiteral("RSV%1").arg(i + 1), this);
        m_rsv[i]->setObjectName(QStringLiteral("rsv%1").arg(i + 1));
    }
    m_opcodeLabel = new QLabel(this);
    m_opcode = new QComboBox(this);
    m_opcode->setObjectName(QStringLiteral("opcode"));
    for (int value = 0; value < 16; ++value)
        m_opcode->addItem(QStringLiteral("0x%1 %2").arg(value, 0, 16).arg(QLatin1StringView(
                                  protocol::opcodeName(protocol::Opcode(value)))),
                          value);
    m_opcodeLabel->setBuddy(m_opcode);
    m_masked = new QCheckBox(QStringLiteral("MASK"), this);
    m_masked->setObjectName(QStringLiteral("masked"));
    m_keyLabel = new QLabel(this);
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("maskKey"));
    m_key->setInputMask(QStringLiteral("HH HH HH HH;_"));
    m_keyLabel->setBuddy(m_key);
    m_randomKey = new QPushButton(this);
    m_randomKey->setObjectName(QStringLiteral("randomKey"));
    m_lengthLabel = new QLabel(this);
    m_lengthForm = new QComboBox(this);
    m_lengthForm->setObjectName(QStringLiteral("lengthForm"));
    for (const LengthChoice choice : {LengthChoice::AsNeeded, LengthChoice::Short7, LengthChoice::Extended16,
                                      LengthChoice::Extended64})
        m_lengthForm->addItem(QString(), int(choice));
    m_lengthLabel->setBuddy(m_lengthForm);
    m_wrongLength = new QCheckBox(this);
    m_wrongLength->setObjectName(QStringLiteral("wrongLength"));
    m_declared = new QLineEdit(this);
    m_declared->setObjectName(QStringLiteral("declaredLength"));
    m_declared->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), this));
    m_payloadLabel = new QLabel(this);
    m_payloadKind = new QComboBox(this);
    m_payloadKind->setObjectName(QStringLiteral("payloadKind"));
    m_payloadKind->addItem(QString(), false);
    m_payloadKind->addItem(QString(), true);
    m_payloadLabel->setBuddy(m_payloadKind);
    m_compress = new QCheckBox(this);
    m_compress->setObjectName(QStringLiteral("compress"));
    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("payload"));
    m_payload->setTabChangesFocus(true);
    m_previewLabel = new QLabel(this);
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setTabChangesFocus(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_previewLabel->setBuddy(m_preview);
    m_previewNote = new QLabel(this);
    m_previewNote->setObjectName(QStringLiteral("previewNote"));
    m_previewNote->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    const auto update = [this] { updatePreview(); };
    for (QCheckBox *box : {m_fin, m_rsv[0], m_rsv[1], m_rsv[2], m_masked, m_wrongLength, m_compress})
        connect(box, &QCheckBox::toggled, this, update);
    connect(m_masked, &QCheckBox::clicked, this, [this] { m_maskSetByUser = true; });
    connect(m_rsv[0], &QCheckBox::toggled, this, [this](bool on) {
        if (m_rsv[0]->isEnabled())
            m_rsv1Chosen = on;
    });
    connect(m_compress, &QCheckBox::toggled, this, &FrameEditDialog::showCompressionRsv1);
    for (QComboBox *box : {m_opcode, m_lengthForm})
        connect(box, &QComboBox::currentIndexChanged, this, update);
    connect(m_payloadKind, &QComboBox::currentIndexChanged, this, &FrameEditDialog::switchPayloadKind);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &FrameEditDialog::onDirectionChanged);
    for (QLineEdit *edit : {m_key, m_declared})
        connect(edit, &QLineEdit::textChanged, this, update);
    connect(m_payload, &QPlainTextEdit::textChanged, this, update);
    connect(m_randomKey, &QPushButton::clicked, this,
            [this] { m_key->setText(keyText(protocol::FrameEncoder::randomMaskKey())); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void FrameEditDialog::layOut()
{
    auto *target = new QHBoxLayout;
    target->addWidget(m_targetLabel);
    target->addWidget(m_connection, 1);
    target->addWidget(m_direction, 1);
    const bool inject = m_purpose == Purpose::Inject;
    for (QWidget *widget : {static_cast<QWidget *>(m_targetLabel), static_cast<QWidget *>(m_connection),
                            static_cast<QWidget *>(m_direction)})
        widget->setVisible(inject);

    auto *header = new QGridLayout;
    auto *bits = new QHBoxLayout;
    bits->addWidget(m_fin);
    for (QCheckBox *box : m_rsv)
        bits->addWidget(box);
    bits->addStretch();
    header->addLayout(bits, 0, 0, 1, 2);
    header->addWidget(m_opcodeLabel, 0, 2);
    header->addWidget(m_opcode, 0, 3, 1, 2);
    header->addWidget(m_masked, 1, 0);
    header->addWidget(m_keyLabel, 1, 2);
    header->addWidget(m_key, 1, 3);
    header->addWidget(m_randomKey, 1, 4);
    header->addWidget(m_lengthLabel, 2, 0);
    header->addWidget(m_lengthForm, 2, 1);
    header->addWidget(m_wrongLength, 2, 2);
    header->addWidget(m_declared, 2, 3, 1, 2);
    header->setColumnStretch(1, 1);
    header->setColumnStretch(3, 1);

    auto *payloadRow = new QHBoxLayout;
    payloadRow->addWidget(m_payloadLabel);
    payloadRow->addWidget(m_payloadKind);
    payloadRow->addWidget(m_compress);
    payloadRow->addStretch();

    const int line = fontMetrics().lineSpacing();
    m_payload->setMinimumHeight(line * 4);
    m_preview->setMinimumHeight(line * 4);
    m_preview->setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(target);
    layout->addLayout(header);
    layout->addLayout(payloadRow);
    layout->addWidget(m_payload, 2);
    layout->addWidget(m_previewLabel);
    layout->addWidget(m_preview, 2);
    layout->addWidget(m_previewNote);
    layout->addWidget(m_buttons);
}

void FrameEditDialog::retranslate()
{
    setWindowTitle(m_purpose == Purpose::Inject ? tr("Inject Frame") : tr("Edit Held Frame"));
    m_targetLabel->setText(tr("Into:"));
    m_connection->setToolTip(tr("The connection the frame is written into"));
    m_direction->setItemText(0, tr("C→S: to the server, as if the browser sent it"));
    m_direction->setItemText(1, tr("S→C: to the browser, as if the server sent it"));
    m_fin->setToolTip(tr("FIN: the last frame of its message (RFC 6455 §5.2)"));
    for (QCheckBox *box : m_rsv)
        box->setToolTip(tr("Reserved bits: set only by an agreed extension; RSV1 marks a compressed "
                           "message under permessage-deflate (RFC 7692 §6)"));
    m_opcodeLabel->setText(tr("&Opcode:"));
    m_opcode->setToolTip(tr("All sixteen values, the reserved ones too (a receiver must fail the "
                            "connection on those, RFC 6455 §5.2)"));
    m_masked->setToolTip(tr("MASK: a client masks every frame, a server none (RFC 6455 §5.3)"));
    m_keyLabel->setText(tr("&Key:"));
    m_randomKey->setText(tr("&Random"));
    m_randomKey->setToolTip(tr("A fresh key from the system's random generator"));
    m_lengthLabel->setText(tr("&Length form:"));
    m_lengthForm->setItemText(0, tr("As needed"));
    m_lengthForm->setItemText(1, tr("7-bit"));
    m_lengthForm->setItemText(2, tr("16-bit (126)"));
    m_lengthForm->setItemText(3, tr("64-bit (127)"));
    m_lengthForm->setToolTip(tr("As needed writes the minimal form RFC 6455 §5.2 requires; a longer one "
                                "is a non-minimal length, for testing a receiver"));
    m_wrongLength->setText(tr("&Declare length:"));
    m_wrongLength->setToolTip(tr("Write this number as the payload length instead of the real one: the "
                                 "receiver then reads the frame boundary in the wrong place"));
    m_payloadLabel->setText(tr("&Payload:"));
    m_payloadKind->setItemText(0, tr("Text (UTF-8)"));
    m_payloadKind->setItemText(1, tr("Hex"));
    m_compress->setText(tr("&Compress (permessage-deflate)"));
    m_compress->setToolTip(tr("The proxy compresses the payload with the connection's agreed parameters "
                              "and sets RSV1; ignored on a connection without permessage-deflate"));
    m_previewLabel->setText(tr("&Bytes to send:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_purpose == Purpose::Inject ? tr("&Inject") : tr("&Forward Edited"));
    updatePreview();
}

void FrameEditDialog::showCompressionRsv1()
{
    // RFC 7692 §6: a compressed message has RSV1 set. While Compress is on the box shows that, and
    // cannot be changed; off again, it shows the user's own choice.
    const bool compress = m_compress->isChecked();
    m_rsv[0]->setEnabled(!compress);
    m_rsv[0]->setChecked(compress || m_rsv1Chosen);
}

void FrameEditDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void FrameEditDialog::setEdit(const proxy::FrameEdit &edit)
{
    const protocol::FrameHeader &h = edit.header;
    m_fin->setChecked(h.fin);
    m_rsv1Chosen = h.rsv1 && !edit.compress;
    m_rsv[0]->setChecked(m_rsv1Chosen);
    m_rsv[1]->setChecked(h.rsv2);
    m_rsv[2]->setChecked(h.rsv3);
    m_opcode->setCurrentIndex(int(h.opcode));
    m_masked->setChecked(h.masked);
    m_key->setText(keyText(h.maskKey));
    const quint64 size = quint64(edit.payload.size());
    const bool minimal = h.lengthForm == protocol::minimalLengthForm(edit.declaredLength.value_or(size));
    m_lengthForm->setCurrentIndex(m_lengthForm->findData(minimal ? int(LengthChoice::AsNeeded) : int(h.lengthForm)));
    m_wrongLength->setChecked(edit.declaredLength.has_value());
    m_declared->setText(QString::number(edit.declaredLength.value_or(size)));
    m_compress->setChecked(edit.compress);
    showCompressionRsv1();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(edit.payload);
    const bool hex = utf8.hasError() || h.opcode == protocol::Opcode::Binary;
    const QSignalBlocker blocker(m_payloadKind);
    m_payloadKind->setCurrentIndex(hex ? 1 : 0);
    m_payload->setPlainText(hex ? QString::fromLatin1(edit.payload.toHex(' ')) : text);
    updatePreview();
}

void FrameEditDialog::setTargets(const QList<quint64> &connections, quint64 current, capture::Direction direction)
{
    m_connection->clear();
    for (const quint64 id : connections)
        m_connection->addItem(tr("Connection #%1").arg(id), QVariant::fromValue(id));
    m_connection->setCurrentIndex(std::max(0, m_connection->findData(QVariant::fromValue(current))));
    m_direction->setCurrentIndex(m_direction->findData(int(direction)));
    onDirectionChanged();
}

quint64 FrameEditDialog::targetConnection() const
{
    return m_connection->currentData().toULongLong();
}

capture::Direction FrameEditDialog::targetDirection() const
{
    return capture::Direction(m_direction->currentData().toInt());
}

void FrameEditDialog::onDirectionChanged()
{
    // RFC 6455 §5.3: a client masks every frame and a server none, unless the user says otherwise.
    if (!m_maskSetByUser)
        m_masked->setChecked(targetDirection() == capture::Direction::Inbound);
    updatePreview();
}

bool FrameEditDialog::hexPayload() const
{
    return m_payloadKind->currentData().toBool();
}

std::optional<QByteArray> FrameEditDialog::payloadBytes() const
{
    if (!hexPayload())
        return m_payload->toPlainText().toUtf8();
    proxy::FrameEdit parsed;
    if (!parsed.setPayloadHex(m_payload->toPlainText()))
        return std::nullopt;
    return parsed.payload;
}

void FrameEditDialog::switchPayloadKind()
{
    // The same bytes in the other notation: hex of the text, or the text the hex spells.
    proxy::FrameEdit parsed;
    const QString written = m_payload->toPlainText();
    if (hexPayload()) {
        m_payload->setPlainText(QString::fromLatin1(written.toUtf8().toHex(' ')));
    } else if (parsed.setPayloadHex(written)) {
        m_payload->setPlainText(QString::fromUtf8(parsed.payload));
    }
    updatePreview();
}

std::optional<protocol::MaskKey> FrameEditDialog::maskKey() const
{
    const QByteArray key = QByteArray::fromHex(m_key->text().toLatin1());
    if (key.size() != 4)
        return std::nullopt;
    return protocol::MaskKey{quint8(key[0]), quint8(key[1]), quint8(key[2]), quint8(key[3])};
}

protocol::PerMessageDeflate FrameEditDialog::deflater() const
{
    // What the proxy writes with a fresh context (no takeover, RFC 7692 §7.1.1), in the sender's role.
    const auto role = targetDirection() == capture::Direction::Inbound ? protocol::Role::Client : protocol::Role::Server;
    return protocol::PerMessageDeflate(protocol::DeflateParameters{}, role);
}

QByteArray FrameEditDialog::compressed(const QByteArray &payload) const
{
    return deflater().compress(payload);
}

std::optional<proxy::FrameEdit> FrameEditDialog::edit() const
{
    const auto payload = payloadBytes();
    const auto key = maskKey();
    if (!payload || (m_masked->isChecked() && !key))
        return std::nullopt;
    proxy::FrameEdit edit;
    edit.payload = *payload;
    edit.compress = m_compress->isChecked();
    protocol::FrameHeader &h = edit.header;
    h.fin = m_fin->isChecked();
    // Compressed, RSV1 is the compressor's to set (and it does so only where the connection agreed
    // on permessage-deflate), and the box only shows it: the user's own choice is the one kept.
    h.rsv1 = edit.compress ? m_rsv1Chosen : m_rsv[0]->isChecked();
    h.rsv2 = m_rsv[1]->isChecked();
    h.rsv3 = m_rsv[2]->isChecked();
    h.opcode = protocol::Opcode(m_opcode->currentData().toInt());
    h.masked = m_masked->isChecked();
    h.maskKey = key.value_or(protocol::MaskKey{});
    if (m_wrongLength->isChecked()) {
        bool ok = false;
        const quint64 declared = m_declared->text().toULongLong(&ok);
        if (!ok)
            return std::nullopt;
        edit.declaredLength = declared;
    }
    const auto choice = LengthChoice(m_lengthForm->currentData().toInt());
    if (choice == LengthChoice::AsNeeded) {
        const quint64 size = quint64(edit.compress ? compressed(edit.payload).size() : edit.payload.size());
        h.lengthForm = protocol::minimalLengthForm(edit.declaredLength.value_or(size));
    } else {
        h.lengthForm = protocol::LengthForm(int(choice));
    }
    return edit;
}

QByteArray FrameEditDialog::previewBytes() const
{
    const auto built = edit();
    if (!built)
        return {};
    protocol::PerMessageDeflate deflate = deflater();
    return built->build(built->compress ? &deflate : nullptr);
}

QString FrameEditDialog::hexDump(const QByteArray &bytes)
{
    QStringList lines;
    for (qsizetype offset = 0; offset < bytes.size(); offset += bytesPerLine)
        lines.append(QStringLiteral("%1  %2").arg(offset, 4, 16, QLatin1Char('0'))
                             .arg(QString::fromLatin1(bytes.mid(offset, bytesPerLine).toHex(' '))));
    return lines.join(QLatin1Char('\n'));
}

void FrameEditDialog::updatePreview()
{
    if (!m_preview)
        return;
    m_key->setEnabled(m_masked->isChecked());
    m_randomKey->setEnabled(m_masked->isChecked());
    m_declared->setEnabled(m_wrongLength->isChecked());
    const auto built = edit();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(built.has_value());
    if (!built) {
        m_preview->clear();
        m_previewNote->setText(payloadBytes() ? tr("⚠ The key needs four bytes in hex.")
                                              : tr("⚠ The hex payload needs pairs of digits 0-9, a-f."));
        return;
    }
    const QByteArray bytes = previewBytes();
    m_preview->setPlainText(hexDump(bytes));
    const quint64 size = quint64(built->compress ? compressed(built->payload).size() : built->payload.size());
    const quint64 written = built->declaredLength.value_or(size);
    QStringList notes{tr("%n byte(s) in all.", nullptr, int(bytes.size()))};
    if (!protocol::lengthFitsForm(written, built->header.lengthForm))
        notes << tr("⚠ %1 does not fit the chosen length form: its low bits are written.").arg(written);
    else if (built->header.lengthForm != protocol::minimalLengthForm(written))
        notes << tr("Non-minimal length form: RFC 6455 §5.2 says the minimal one MUST be used.");
    if (built->declaredLength && *built->declaredLength != size)
        notes << tr("The header declares %1 bytes; %2 follow.").arg(written).arg(size);
    if (built->compress)
        notes << tr("Compressed here as a fresh context would; the proxy uses the connection's agreed window.");
    m_previewNote->setText(inspector::Sentences::joined(notes));
}

} // namespace wslab::app
