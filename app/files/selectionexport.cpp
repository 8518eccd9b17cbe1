#include "app/files/selectionexport.h"

#include "app/mainwindow/captureview.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/fragmentgrouper.h"
#include "inspector/framecapturemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QTableView>

namespace wslab::app {

using inspector::ByteExportFormat;

namespace {

constexpr SelectionExport::Part parts[] = {SelectionExport::Part::Frame, SelectionExport::Part::Payload,
                                           SelectionExport::Part::Message};
constexpr ByteExportFormat::Kind kinds[] = {ByteExportFormat::Kind::HexDump, ByteExportFormat::Kind::HexStream,
                                            ByteExportFormat::Kind::CArray, ByteExportFormat::Kind::Base64,
                                            ByteExportFormat::Kind::Raw};

// An HTTP message's body: what follows the blank line that ends its head (RFC 9112 §2.1).
QByteArray httpBody(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : bytes.mid(end + 4);
}

} // namespace

SelectionExport::SelectionExport(CaptureView *view, QWidget *dialogParent)
    : QObject(view)
    , m_view(view)
    , m_dialogParent(dialogParent)
{
    m_copyMenu = new QMenu(dialogParent);
    m_copyMenu->setObjectName(QStringLiteral("copyAs"));
    m_exportMenu = new QMenu(dialogParent);
    m_exportMenu->setObjectName(QStringLiteral("exportSelectedBytes"));
    fillMenu(m_copyMenu, false);
    fillMenu(m_exportMenu, true);
    connect(view, &CaptureView::currentRecordChanged, this, &SelectionExport::updateEnabled);
    view->installEventFilter(this); // LanguageChange
    retranslateUi();
    updateEnabled();
}

void SelectionExport::fillMenu(QMenu *menu, bool toFile)
{
    for (const Part part : parts) {
        QMenu *sub = menu->addMenu(QString());
        sub->menuAction()->setData(int(part));
        for (const ByteExportFormat::Kind kind : kinds) {
            QAction *action = sub->addAction(QString());
            action->setData(int(kind));
            connect(action, &QAction::triggered, this, [this, part, kind, toFile] {
                if (toFile)
                    exportToFile(part, kind);
                else
                    copy(part, kind);
            });
        }
    }
}

void SelectionExport::retranslateUi()
{
    m_copyMenu->setTitle(tr("Copy &As"));
    m_exportMenu->setTitle(tr("&Selected Bytes"));
    for (QMenu *menu : {m_copyMenu, m_exportMenu}) {
        for (QAction *partAction : menu->actions()) {
            partAction->setText(partName(Part(partAction->data().toInt())));
            for (QAction *kindAction : partAction->menu()->actions()) {
                const auto kind = ByteExportFormat::Kind(kindAction->data().toInt());
                kindAction->setText(menu == m_exportMenu ? tr("%1…").arg(kindName(kind)) : kindName(kind));
            }
        }
    }
}

void SelectionExport::updateEnabled()
{
    const bool selected = m_view->currentRecord().has_value();
    m_copyMenu->setEnabled(selected);
    m_exportMenu->setEnabled(selected);
}

QString SelectionExport::partName(Part part)
{
    switch (part) {
    case Part::Frame:
        return tr("&Frame");
    case Part::Payload:
        return tr("&Payload");
    case Part::Message:
        return tr("&Message");
    }
    return {};
}

QString SelectionExport::kindName(ByteExportFormat::Kind kind)
{
    switch (kind) {
    case ByteExportFormat::Kind::HexDump:
        return tr("Hex &Dump");
    case ByteExportFormat::Kind::HexStream:
        return tr("Hex &Stream");
    case ByteExportFormat::Kind::CArray:
        return tr("&C Array");
    case ByteExportFormat::Kind::Base64:
        return tr("&Base64");
    case ByteExportFormat::Kind::Raw:
        return tr("&Raw Bytes");
    }
    return {};
}

QByteArray SelectionExport::bytesOf(const inspector::FrameCaptureModel &model, int row, Part part)
{
    const capture::CaptureRecord &record = model.record(row);
    switch (part) {
    case Part::Frame:
        return record.frame ? record.frame->wireBytes() : record.wireBytes;
    case Part::Payload:
        return record.frame ? record.frame->payload : httpBody(record.wireBytes);
    case Part::Message:
        break;
    }
    if (!record.frame)
        return httpBody(record.wireBytes);
    // The message as the application sees it: every fragment's payload (RFC 6455 §5.4), inflated
    // when permessage-deflate compressed it (RFC 7692; the capture keeps the inflated message on
    // one of its records).
    const inspector::FragmentGroup group = inspector::FragmentGrouper::find(model, row);
    const QList<int> rows = group.rows.isEmpty() ? QList<int>{row} : group.rows;
    QByteArray message;
    for (const int fragment : rows) {
        const capture::CaptureRecord &piece = model.record(fragment);
        if (piece.inflatedPayload)
            return *piece.inflatedPayload;
        if (piece.frame)
            message += piece.frame->payload;
    }
    return message;
}

QByteArray SelectionExport::selected(Part part, bool *ok) const
{
    const QModelIndex current = m_view->table()->currentIndex();
    *ok = current.isValid();
    if (!*ok)
        return {};
    return bytesOf(*m_view->model(), m_view->proxy()->sourceRow(current.row()), part);
}

void SelectionExport::copy(Part part, ByteExportFormat::Kind kind)
{
    bool ok = false;
    const QByteArray bytes = selected(part, &ok);
    if (!ok)
        return;
    const QByteArray formatted = ByteExportFormat::format(bytes, kind);
    auto *mime = new QMimeData;
    if (ByteExportFormat::isText(kind))
        mime->setText(QString::fromLatin1(formatted));
    else
        mime->setData(QStringLiteral("application/octet-stream"), formatted);
    QApplication::clipboard()->setMimeData(mime);
}

void SelectionExport::exportToFile(Part part, ByteExportFormat::Kind kind)
{
    bool ok = false;
    const QByteArray bytes = selected(part, &ok);
    if (!ok)
        return;
    const QString suggested = QDir::home().filePath(QStringLiteral("websocket-bytes.%1").arg(ByteExportFormat::suffix(kind)));
    const QString path = m_dialog.saveFileName(m_dialogParent, tr("Export Selected Bytes"), QString(), suggested);
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ByteExportFormat::format(bytes, kind)) < 0 || !file.commit())
        QMessageBox::warning(m_dialogParent, tr("Export Selected Bytes"),
                             tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
}

bool SelectionExport::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::eventFilter(watched, event);
}

} // namespace wslab::app
