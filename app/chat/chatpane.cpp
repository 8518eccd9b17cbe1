#include "app/chat/chatpane.h"

#include "app/chat/clientlistmodel.h"

#include "inspector/framecapturemodel.h"
#include "inspector/payloadpreview.h"
#include "inspector/sentences.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace wslab::app {

namespace {

constexpr qint64 maxFileSize = 16 * 1024 * 1024; // the server's default message limit

// RFC 6455 §7.4.1 and the IANA registry: the codes an endpoint may send, plus one of each range
// that is open to applications.
constexpr quint16 offeredCloseCodes[] = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011,
                                         1012, 1013, 1014, 3000, 4000};

QString timeStamp(qint64 msSinceEpoch)
{
    const QDateTime time = msSinceEpoch > 0 ? QDateTime::fromMSecsSinceEpoch(msSinceEpoch)
                                            : QDateTime::currentDateTime();
    return time.toString(QStringLiteral("HH:mm:ss"));
}

QString sizeText(qint64 bytes)
{
    // Below 1 KiB Qt writes the word "bytes" untranslated; "B" reads in every language.
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace

ChatPane::ChatPane(ClientListModel *clients, QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
{
    m_clientView = new QTreeView(this);
    m_clientView->setObjectName(QStringLiteral("clientList"));
    m_clientView->setModel(m_clients);
    m_clientView->setRootIsDecorated(false);
    m_clientView->setUniformRowHeights(true);
    m_clientView->setAlternatingRowColors(true);
    m_clientView->header()->setStretchLastSection(false);
    m_clientView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // In a 400 px column the nicknames stay whole; the address gives way when it must (in the
    // middle: "127.…38080" still tells clients apart, the tooltip has it all).
    m_clientView->header()->setSectionResizeMode(ClientListModel::AddressColumn, QHeaderView::Stretch);
    m_clientView->setTextElideMode(Qt::ElideMiddle);

    m_conversation = new QTextBrowser(this);
    m_conversation->setObjectName(QStringLiteral("conversation"));
    m_conversation->setOpenLinks(false);
    m_conversation->document()->setMaximumBlockCount(maxConversationLines);
    connect(m_conversation, &QTextBrowser::anchorClicked, this, &ChatPane::showLongText);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_clientView);
    splitter->addWidget(m_conversation);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    // The lists take what the rows under them leave, but ask for no more than their minimum: the
    // dock's scroll area gives the pane the height it asks for, and at 1024 x 700 the lists' wish
    // (two views of ten rows) pushed the tools below the window's edge behind a scroll bar.
    splitter->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    m_toLabel = new QLabel(this);
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_fragmentsLabel = new QLabel(this);
    m_fragments = new QSpinBox(this);
    m_fragments->setObjectName(QStringLiteral("fragments"));
    m_fragments->setRange(1, 64);
    m_toLabel->setBuddy(m_target);
    m_fragmentsLabel->setBuddy(m_fragments);

    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_toLabel);
    targetRow->addWidget(m_target, 1);
    targetRow->addSpacing(8);
    targetRow->addWidget(m_fragmentsLabel);
    targetRow->addWidget(m_fragments);

    m_line = new QLineEdit(this);
    m_line->setObjectName(QStringLiteral("messageLine"));
    m_line->setClearButtonEnabled(true);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    auto *lineRow = new QHBoxLayout;
    lineRow->addWidget(m_line, 1);
    lineRow->addWidget(m_send);

    m_tools = new QTabWidget(this);
    m_tools->setDocumentMode(true);
    m_tools->addTab(createBinaryTab(), QString());
    m_tools->addTab(createGenerateTab(), QString());
    m_tools->addTab(createPingTab(), QString());
    m_tools->addTab(createCloseTab(), QString());
    m_tools->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter, 1);
    layout->addLayout(targetRow);
    layout->addLayout(lineRow);
    layout->addWidget(m_tools);

    connect(m_send, &QPushButton::clicked, this, &ChatPane::sendFromLine);
    connect(m_line, &QLineEdit::returnPressed, this, &ChatPane::sendFromLine);
    connect(m_clients, &QAbstractItemModel::rowsInserted, this, &ChatPane::refillTargets);
    connect(m_clients, &QAbstractItemModel::rowsRemoved, this, &ChatPane::refillTargets);
    connect(m_clients, &QAbstractItemModel::modelReset, this, &ChatPane::refillTargets);
    connect(m_clients, &QAbstractItemModel::dataChanged, this, &ChatPane::refillTargets);
    connect(m_target, &QComboBox::currentIndexChanged, this, &ChatPane::updateEnabled);
    connect(m_clientView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        setTarget(index.data(ClientListModel::ConnectionIdRole).toULongLong());
    });

    retranslateUi();
    updateEnabled();
}

QWidget *ChatPane::createBinaryTab()
{
    auto *page = new QWidget(this);
    m_binaryHint = new QLabel(page);
    m_binaryHint->setWordWrap(true);
    m_hex = new QLineEdit(page);
    m_hex->setObjectName(QStringLiteral("hexPayload"));
    m_hex->setText(QStringLiteral("de ad be ef"));
    m_sendHex = new QPushButton(page);
    m_sendHex->setObjectName(QStringLiteral("sendHex"));
    m_sendFile = new QPushButton(page);
    auto *row = new QHBoxLayout;
    row->addWidget(m_hex, 1);
    row->addWidget(m_sendHex);
    row->addWidget(m_sendFile);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_binaryHint);
    layout->addStretch(1);
    connect(m_sendHex, &QPushButton::clicked, this, &ChatPane::sendHex);
    connect(m_hex, &QLineEdit::returnPressed, this, &ChatPane::sendHex);
    connect(m_sendFile, &QPushButton::clicked, this, &ChatPane::sendFile);
    return page;
}

QWidget *ChatPane::createGenerateTab()
{
    auto *page = new QWidget(this);
    m_sizeLabel = new QLabel(page);
    m_size = new QComboBox(page);
    m_size->setObjectName(QStringLiteral("generatedSize"));
    for (qint64 size : generatedSizes())
        m_size->addItem(QString(), size);
    m_generatedKind = new QComboBox(page);
    m_generatedKind->addItem(QString());
    m_generatedKind->addItem(QString());
    m_sendGenerated = new QPushButton(page);
    m_sendGenerated->setObjectName(QStringLiteral("sendGenerated"));
    m_generatedHint = new QLabel(page);
    m_generatedHint->setWordWrap(true);
    m_sizeLabel->setBuddy(m_size);
    auto *row = new QHBoxLayout;
    row->addWidget(m_sizeLabel);
    row->addWidget(m_size);
    row->addWidget(m_generatedKind);
    row->addStretch(1);
    row->addWidget(m_sendGenerated);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_generatedHint);
    layout->addStretch(1);
    connect(m_size, &QComboBox::currentIndexChanged, this, &ChatPane::updateGeneratedHint);
    connect(m_sendGenerated, &QPushButton::clicked, this, &ChatPane::sendGenerated);
    return page;
}

QWidget *ChatPane::createPingTab()
{
    auto *page = new QWidget(this);
    m_pingLabel = new QLabel(page);
    m_pingPayload = new QLineEdit(page);
    m_pingPayload->setObjectName(QStringLiteral("pingPayload"));
    m_pingPayload->setMaxLength(125); // RFC 6455 §5.5: control frame payloads are at most 125 bytes
    m_pingPayload->setText(QStringLiteral("ping"));
    m_ping = new QPushButton(page);
    m_ping->setObjectName(QStringLiteral("ping"));
    m_rtt = new QLabel(page);
    m_rtt->setObjectName(QStringLiteral("roundTrip"));
    m_rtt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pingLabel->setBuddy(m_pingPayload);
    auto *row = new QHBoxLayout;
    row->addWidget(m_pingLabel);
    row->addWidget(m_pingPayload, 1);
    row->addWidget(m_ping);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_rtt);
    layout->addStretch(1);
    connect(m_ping, &QPushButton::clicked, this, &ChatPane::sendPingFromUi);
    connect(m_pingPayload, &QLineEdit::returnPressed, this, &ChatPane::sendPingFromUi);
    return page;
}

QWidget *ChatPane::createCloseTab()
{
    auto *page = new QWidget(this);
    m_codeLabel = new QLabel(page);
    m_closeCode = new QComboBox(page);
    m_closeCode->setObjectName(QStringLiteral("closeCode"));
    m_closeCode->setEditable(true);
    m_closeCode->setInsertPolicy(QComboBox::NoInsert);
    // Narrower than its longest name is fine ("1010 Mandatory Extension"): it shares a row.
    m_closeCode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_closeCode->setMinimumContentsLength(12);
    m_reasonLabel = new QLabel(page);
    m_closeReason = new QLineEdit(page);
    m_closeReason->setObjectName(QStringLiteral("closeReason"));
    m_closeReason->setMaxLength(123); // RFC 6455 §5.5: 125 bytes minus the 2-byte code
    m_close = new QPushButton(page);
    m_close->setObjectName(QStringLiteral("close"));
    m_closeHint = new QLabel(page);
    m_closeHint->setWordWrap(true);
    m_codeLabel->setBuddy(m_closeCode);
    m_reasonLabel->setBuddy(m_closeReason);
    // The button beside the code, so the reason (and its hint) get the whole width.
    auto *layout = new QGridLayout(page);
    layout->addWidget(m_codeLabel, 0, 0);
    layout->addWidget(m_closeCode, 0, 1);
    layout->addWidget(m_close, 0, 2);
    layout->addWidget(m_reasonLabel, 1, 0);
    layout->addWidget(m_closeReason, 1, 1, 1, 2);
    layout->addWidget(m_closeHint, 2, 0, 1, 3);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(3, 1);
    connect(m_close, &QPushButton::clicked, this, &ChatPane::closeFromUi);
    return page;
}

void ChatPane::retranslateUi()
{
    m_toLabel->setText(tr("&To:"));
    m_fragmentsLabel->setText(tr("&Fragments:"));
    m_fragments->setToolTip(tr("Split each message into this many frames: the first carries the opcode, "
                               "the rest are continuation frames, the last has FIN = 1 (RFC 6455 §5.4)."));
    m_line->setPlaceholderText(tr("Type a message and press Enter"));
    m_send->setText(tr("Send"));
    m_tools->setTabText(0, tr("Binary"));
    m_tools->setTabText(1, tr("Large"));
    m_tools->setTabText(2, tr("Ping"));
    m_tools->setTabText(3, tr("Close"));

    m_hex->setPlaceholderText(tr("Hex bytes, e.g. de ad be ef"));
    m_sendHex->setText(tr("Send hex"));
    m_sendFile->setText(tr("Send file…"));
    m_binaryHint->setText(m_clientMode ? tr("A binary message (opcode 0x2), masked as every client frame is.")
                                       : tr("A binary message (opcode 0x2). The page receives an ArrayBuffer."));

    m_sizeLabel->setText(tr("&Size:"));
    for (int i = 0; i < m_size->count(); ++i)
        m_size->setItemText(i, sizeText(m_size->itemData(i).toLongLong()));
    m_generatedKind->setItemText(0, tr("text"));
    m_generatedKind->setItemText(1, tr("binary"));
    m_sendGenerated->setText(tr("Send generated"));
    updateGeneratedHint();

    m_pingLabel->setText(tr("&Payload:"));
    m_ping->setText(tr("Ping"));
    m_pingPayload->setToolTip(tr("At most 125 bytes: a control frame cannot carry more (RFC 6455 §5.5)"));
    if (m_lastRtt.isEmpty() && m_clientMode)
        m_rtt->setText(tr("The server answers a ping with a pong carrying the same payload (RFC 6455 §5.5.2); the "
                          "round trip shows here."));
    else if (m_lastRtt.isEmpty())
        m_rtt->setText(tr("The browser answers a ping with a pong carrying the same payload (RFC 6455 "
                          "§5.5.2); the round trip shows here."));
    else
        m_rtt->setText(m_lastRtt);
    m_rtt->setWordWrap(true);

    m_codeLabel->setText(tr("C&ode:"));
    m_reasonLabel->setText(tr("&Reason:"));
    m_closeReason->setPlaceholderText(tr("optional, UTF-8, at most 123 bytes"));
    m_close->setText(tr("Close connection"));
    m_closeHint->setText(m_clientMode ? tr("The server answers with a Close frame of its own and closes the TCP "
                                           "connection first (RFC 6455 §5.5.1, §7.1.1).")
                                      : tr("The browser answers with a Close frame of its own, then the TCP connection "
                                           "closes (RFC 6455 §5.5.1)."));
    fillCloseCodes();
    refillTargets();
}

void ChatPane::fillCloseCodes()
{
    const QString edited = m_closeCode->currentText();
    const int index = m_closeCode->currentIndex();
    m_closeCode->clear();
    for (quint16 code : offeredCloseCodes)
        m_closeCode->addItem(QStringLiteral("%1 %2").arg(code).arg(inspector::PayloadPreview::closeCodeName(code)), code);
    m_closeCode->setToolTip(tr("Registered close codes (RFC 6455 §7.4.1). 4000-4999 are for private use; "
                               "type any other number to try it."));
    if (index >= 0 && !edited.isEmpty())
        m_closeCode->setCurrentText(edited);
}

void ChatPane::updateGeneratedHint()
{
    const qint64 size = m_size->currentData().toLongLong();
    QString tier;
    if (size <= 125)
        tier = tr("Up to 125 bytes: the length fits in the 7-bit field.");
    else if (size <= 0xFFFF)
        tier = tr("126 to 65,535 bytes: the 7-bit field says 126 and the next 16 bits hold the length.");
    else
        tier = tr("65,536 bytes or more: the 7-bit field says 127 and the next 64 bits hold the length.");
    m_generatedHint->setText(inspector::Sentences::joined(
            {tier, tr("Watch the length field in the bit diagram (RFC 6455 §5.2). On a connection "
                      "that agreed to compression, the length is that of the compressed bytes, "
                      "often far fewer.")}));
}

void ChatPane::refillTargets()
{
    const quint64 current = target();
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    if (m_clientMode) {
        m_target->addItem(m_serverUrl.isEmpty() ? tr("the server") : m_serverUrl, QVariant::fromValue(everyone));
        updateEnabled();
        return;
    }
    m_target->addItem(tr("Everyone"), QVariant::fromValue(everyone));
    for (int row = 0; row < m_clients->rowCount(); ++row) {
        const server::ClientInfo &client = m_clients->client(row);
        m_target->addItem(m_clients->displayName(client.connectionId), QVariant::fromValue(client.connectionId));
    }
    const int index = m_target->findData(QVariant::fromValue(current));
    m_target->setCurrentIndex(index < 0 ? 0 : index);
    updateEnabled();
}

void ChatPane::updateEnabled()
{
    const bool anyone = m_clientMode ? m_clientOpen : m_clients->rowCount() > 0;
    m_send->setEnabled(!m_clientMode || m_clientOpen);
    m_ping->setEnabled(anyone);
    m_close->setEnabled(anyone);
    m_sendHex->setEnabled(anyone);
    m_sendFile->setEnabled(anyone);
    m_sendGenerated->setEnabled(anyone);
}

quint64 ChatPane::target() const
{
    return m_target->count() == 0 ? everyone : m_target->currentData().toULongLong();
}

void ChatPane::setTarget(quint64 connectionId)
{
    const int index = m_target->findData(QVariant::fromValue(connectionId));
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

int ChatPane::fragments() const
{
    return m_fragments->value();
}

QString ChatPane::targetName(quint64 connectionId) const
{
    if (m_clientMode)
        return m_serverUrl;
    return connectionId == everyone ? tr("everyone") : m_clients->displayName(connectionId);
}

QList<qint64> ChatPane::generatedSizes()
{
    return {100, 1024, 70 * 1024, 1024 * 1024};
}

QByteArray ChatPane::generatedMessage(qint64 size)
{
    // Readable and countable: "0000000 0000010 ..." every 8 bytes says where in the message it is.
    QByteArray message;
    message.reserve(size);
    for (qint64 offset = 0; message.size() < size; offset += 8)
        message += QByteArray::number(offset).rightJustified(7, '0') + ' ';
    message.truncate(size);
    return message;
}

void ChatPane::sendFromLine()
{
    // Enter in a field does what its button does, and only when the button can: with no connection
    // open the line keeps its text for when there is one.
    const QString text = m_line->text();
    if (text.isEmpty() || !m_send->isEnabled())
        return;
    sendText(text);
    m_line->clear();
}

void ChatPane::sendText(const QString &text)
{
    // A line goes out as chat JSON from the desk, never as a bare text frame: to everyone in one
    // frame through the chat room like a browser's line (it comes back as a chat entry); to one
    // client as a private line, or to everyone in fragments, by the server's chat framing.
    if (m_clientMode) {
        // The server gets the line as it was typed, one text message (RFC 6455 §5.6).
        Q_EMIT clientMessageRequested(false, text.toUtf8(), fragments());
        appendChatLine(tr("You"), text, 0);
        if (fragments() > 1)
            addSystemLine(tr("Sent as a text message to %1 in %2 frames").arg(targetName(everyone)).arg(fragments()));
        return;
    }
    const quint64 to = target();
    if (to == everyone && fragments() == 1) {
        Q_EMIT postChatRequested(text);
        return;
    }
    Q_EMIT chatMessageRequested(to, text, fragments());
    if (to != everyone)
        appendChatLine(QStringLiteral("Desk"), text, 0, tr("(to %1, privately)").arg(targetName(to))); // the server's nick
    if (fragments() > 1)
        addSystemLine(tr("Sent as a chat line to %1 in %2 frames").arg(targetName(to)).arg(fragments()));
}

void ChatPane::sendData(bool binary, const QByteArray &payload)
{
    const quint64 to = target();
    if (m_clientMode)
        Q_EMIT clientMessageRequested(binary, payload, fragments());
    else
        Q_EMIT sendMessageRequested(to, binary, payload, fragments());
    const QString what = binary ? tr("binary message") : tr("text message");
    QString line = tr("Sent a %1 of %2 to %3").arg(what, sizeText(payload.size()), targetName(to));
    if (fragments() > 1)
        line = inspector::Sentences::joined({line, tr("in %1 frames").arg(fragments())});
    addSystemLine(line);
}

void ChatPane::sendHex()
{
    if (!m_sendHex->isEnabled())
        return;
    QString digits = m_hex->text();
    digits.remove(QRegularExpression(QStringLiteral("[\\s:,]|0x")));
    if (digits.size() % 2 != 0 || digits.contains(QRegularExpression(QStringLiteral("[^0-9a-fA-F]")))) {
        addSystemLine(tr("Not hex: type pairs of hex digits, e.g. de ad be ef"));
        return;
    }
    sendData(true, QByteArray::fromHex(digits.toLatin1()));
}

void ChatPane::sendFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a file as a binary message"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (file.size() > maxFileSize) {
        addSystemLine(tr("%1 is larger than %2, the message size limit").arg(path, sizeText(maxFileSize)));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        addSystemLine(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    sendData(true, file.readAll());
}

void ChatPane::sendGenerated()
{
    sendData(m_generatedKind->currentIndex() == 1, generatedMessage(m_size->currentData().toLongLong()));
}

void ChatPane::sendPing(const QByteArray &payload)
{
    if (m_clientMode)
        Q_EMIT clientPingRequested(payload.left(125));
    else
        Q_EMIT pingRequested(target(), payload.left(125));
}

void ChatPane::sendPingFromUi()
{
    if (!m_ping->isEnabled())
        return;
    sendPing(m_pingPayload->text().toUtf8());
}

void ChatPane::closeTarget(quint16 code, const QString &reason)
{
    const quint64 to = target();
    if (m_clientMode)
        Q_EMIT clientCloseRequested(code, reason);
    else
        Q_EMIT closeRequested(to, code, reason);
    addSystemLine(tr("Closing %1 with %2 %3").arg(targetName(to)).arg(code)
                          .arg(inspector::PayloadPreview::closeCodeName(code)));
}

void ChatPane::closeFromUi()
{
    bool ok = false;
    const QVariant data = m_closeCode->currentData();
    quint16 code = 0;
    // The edit text wins when the user typed a number of their own.
    const QString typed = m_closeCode->currentText().section(QLatin1Char(' '), 0, 0);
    const uint typedCode = typed.toUInt(&ok);
    if (ok && typedCode <= 0xFFFF)
        code = quint16(typedCode);
    else if (data.isValid())
        code = quint16(data.toUInt());
    if (code == 0) {
        addSystemLine(tr("Choose a close code first"));
        return;
    }
    closeTarget(code, m_closeReason->text());
}

void ChatPane::addChatEntry(const server::ChatEntry &entry)
{
    switch (entry.kind) {
    case server::ChatEntry::Kind::Message:
        appendChatLine(entry.from, entry.text, entry.timeMs);
        return;
    case server::ChatEntry::Kind::Join:
        addSystemLine(tr("%1 joined").arg(entry.from));
        return;
    case server::ChatEntry::Kind::Leave:
        addSystemLine(tr("%1 left").arg(entry.from));
        return;
    case server::ChatEntry::Kind::Nick:
        addSystemLine(tr("%1 is now known as %2").arg(entry.from, entry.text));
        return;
    case server::ChatEntry::Kind::System:
        addSystemLine(entry.text);
        return;
    }
}

void ChatPane::appendChatLine(const QString &from, const QString &text, qint64 timeMs, const QString &marker)
{
    QString html = QStringLiteral("<span style=\"color:gray\">%1</span> <b>%2</b>")
                           .arg(timeStamp(timeMs), from.toHtmlEscaped());
    if (!marker.isEmpty())
        html += QStringLiteral(" <i>%1</i>").arg(marker.toHtmlEscaped());
    appendHtml(html + QStringLiteral(": ") + shortenedHtml(text));
}

QString ChatPane::shortenedHtml(const QString &text)
{
    if (text.size() <= previewChars)
        return text.toHtmlEscaped();
    // A megabyte in one line would make the log crawl; the page cuts such lines too.
    const int id = m_nextLongTextId++;
    m_longTextChars += text.size();
    m_longTexts.push_back({id, text});
    while (m_longTexts.size() > 1 && m_longTextChars > keptLongTextChars) {
        m_longTextChars -= m_longTexts.front().text.size();
        m_longTexts.pop_front();
    }
    QString preview = text.left(previewChars);
    if (preview.back().isHighSurrogate())
        preview.chop(1);
    return preview.toHtmlEscaped() + QStringLiteral("… <a href=\"longtext:%1\">%2</a>")
            .arg(id)
            .arg(tr("Show all (%1)").arg(sizeText(text.toUtf8().size())).toHtmlEscaped());
}

void ChatPane::showLongText(const QUrl &link)
{
    if (link.scheme() != QLatin1String("longtext"))
        return;
    const int id = link.path().toInt();
    const auto found = std::find_if(m_longTexts.cbegin(), m_longTexts.cend(),
                                    [id](const LongText &kept) { return kept.id == id; });
    if (found == m_longTexts.cend()) {
        addSystemLine(tr("That message is no longer kept: only the latest long messages are."));
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Whole message (%1)").arg(sizeText(found->text.toUtf8().size())));
    auto *view = new QPlainTextEdit(dialog);
    view->setReadOnly(true);
    view->setPlainText(found->text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    dialog->resize(640, 480);
    dialog->open();
}

void ChatPane::addSystemLine(const QString &text)
{
    appendHtml(QStringLiteral("<span style=\"color:gray\">%1 <i>%2</i></span>")
                       .arg(timeStamp(0), text.toHtmlEscaped()));
}

void ChatPane::appendHtml(const QString &html)
{
    m_conversation->append(html);
}

void ChatPane::onClientConnected(const server::ClientInfo &client)
{
    if (client.transport != capture::Transport::WebSocket) {
        // Polling clients have no one connection to number: each request is its own.
        addSystemLine(tr("%1 client via %2").arg(inspector::FrameCaptureModel::transportText(client.transport), client.path));
        return;
    }
    addSystemLine(tr("Connection #%1 from %2 (%3)").arg(client.connectionId).arg(client.peerAddress, client.path));
}

void ChatPane::onClientDisconnected(quint64 connectionId, quint16 closeCode)
{
    addSystemLine(tr("%1 disconnected: %2 %3")
                          .arg(m_clients->displayName(connectionId))
                          .arg(closeCode)
                          .arg(inspector::PayloadPreview::closeCodeName(closeCode)));
}

void ChatPane::onPollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs)
{
    // HTTP has no close frame and so no close code: a polling client says it leaves, or stops asking.
    const QString name = m_clients->displayName(clientId);
    if (timedOut)
        addSystemLine(tr("%1 timed out: no request for %2 s").arg(name).arg(silentMs / 1000));
    else
        addSystemLine(tr("%1 stopped polling and said goodbye (POST /leave)").arg(name));
}

void ChatPane::onPong(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs)
{
    showPongLine(m_clients->displayName(connectionId), payload, roundTripNs);
}

void ChatPane::onServerPong(const QByteArray &payload, qint64 roundTripNs)
{
    showPongLine(m_serverUrl, payload, roundTripNs);
}

void ChatPane::showPongLine(const QString &from, const QByteArray &payload, qint64 roundTripNs)
{
    const QString rtt = QLocale().toString(double(roundTripNs) / 1e6, 'f', 2);
    m_lastRtt = tr("Pong from %1: round trip %2 ms, payload \"%3\"").arg(from, rtt, QString::fromUtf8(payload));
    m_rtt->setText(m_lastRtt);
    addSystemLine(m_lastRtt);
}

void ChatPane::setClientMode(bool on)
{
    if (m_clientMode == on)
        return;
    m_clientMode = on;
    m_clientOpen = false;
    m_lastRtt.clear();
    // One server, no list of clients: the log gets the room.
    m_clientView->setVisible(!on);
    m_target->setEnabled(!on);
    retranslateUi();
}

void ChatPane::setClientOpen(bool open, const QString &serverUrl)
{
    m_clientOpen = open;
    m_serverUrl = serverUrl;
    refillTargets();
}

void ChatPane::addServerMessage(bool binary, const QByteArray &payload)
{
    if (!binary) {
        appendChatLine(tr("Server"), QString::fromUtf8(payload), 0);
        return;
    }
    constexpr qsizetype shownBytes = 32;
    QString bytes = QString::fromLatin1(payload.left(shownBytes).toHex(' '));
    if (payload.size() > shownBytes)
        bytes += QStringLiteral(" …");
    appendChatLine(tr("Server"), tr("binary message of %1: %2").arg(sizeText(payload.size()), bytes), 0);
}

QString ChatPane::lastRoundTripText() const
{
    return m_lastRtt;
}

QString ChatPane::conversationText() const
{
    return m_conversation->toPlainText();
}

void ChatPane::clearConversation()
{
    m_conversation->clear();
}

void ChatPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
