#include "app/files/capturefileactions.h"

#include "app/files/capturefilewindow.h"
#include "app/files/capturesaver.h"
#include "app/files/selectionexport.h"
#include "app/mainwindow/captureview.h"
#include "app/settings/settingsstore.h"

#include "inspector/framecapturemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

namespace wslab::app {

namespace {

constexpr int statusMessageMs = 5000;

QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

CaptureFileActions::CaptureFileActions(QMainWindow *window, SettingsStore *store, CaptureView *live, qint64 originNs)
    : QObject(window)
    , m_window(window)
    , m_store(store)
    , m_live(live)
    , m_originNs(originNs)
{
    m_openAction = new QAction(this);
    m_openAction->setObjectName(QStringLiteral("openCaptureFile"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &CaptureFileActions::open);
    m_recentMenu = new QMenu(window);
    m_recentMenu->setObjectName(QStringLiteral("recentFiles"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &CaptureFileActions::fillRecentMenu);
    m_saveAction = new QAction(this);
    m_saveAction->setObjectName(QStringLiteral("saveCapture"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &CaptureFileActions::save);
    m_saveAsAction = new QAction(this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &CaptureFileActions::saveAs);
    m_exportMenu = new QMenu(window);
    m_exportHarAction = m_exportMenu->addAction(QString());
    m_exportHarAction->setObjectName(QStringLiteral("exportHar"));
    connect(m_exportHarAction, &QAction::triggered, this, &CaptureFileActions::exportHar);
    m_selection = new SelectionExport(live, window);
    m_exportMenu->addMenu(m_selection->exportMenu());
    m_editMenu = new QMenu(window);
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    m_editMenu->addMenu(m_selection->copyMenu());

    const auto *model = live->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { m_unsaved = true; });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_unsaved = false; });

    // Drops anywhere on the window, and retranslation with it.
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    retranslateUi();
    fillRecentMenu();
}

void CaptureFileActions::addToMenu(QMenu *fileMenu)
{
    QAction *first = fileMenu->actions().value(0);
    fileMenu->insertAction(first, m_openAction);
    fileMenu->insertMenu(first, m_recentMenu);
    fileMenu->insertSeparator(first);
    fileMenu->insertAction(first, m_saveAction);
    fileMenu->insertAction(first, m_saveAsAction);
    fileMenu->insertMenu(first, m_exportMenu);
    fileMenu->insertSeparator(first);
    // Edit comes after File in the menu bar, as on every desktop.
    const QList<QAction *> bar = m_window->menuBar()->actions();
    const int file = bar.indexOf(fileMenu->menuAction());
    m_window->menuBar()->insertMenu(bar.value(file + 1), m_editMenu);
}

void CaptureFileActions::setFileDialog(const FileDialog &dialog)
{
    m_dialog = dialog;
    m_selection->setFileDialog(dialog);
}

void CaptureFileActions::retranslateUi()
{
    m_openAction->setText(tr("&Open Capture File…"));
    m_openAction->setToolTip(tr("Open a pcap, pcapng or HAR file in a window of its own"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_saveAction->setText(tr("&Save Capture"));
    m_saveAction->setToolTip(tr("Save the live capture as pcapng, which Wireshark also opens"));
    m_saveAsAction->setText(tr("Save Capture &As…"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportHarAction->setText(tr("&HAR (Chrome DevTools)…"));
    m_editMenu->setTitle(tr("&Edit"));
    fillRecentMenu();
}

QList<CaptureFileWindow *> CaptureFileActions::fileWindows() const
{
    QList<CaptureFileWindow *> windows;
    for (const QPointer<CaptureFileWindow> &window : m_fileWindows) {
        if (window)
            windows.append(window);
    }
    return windows;
}

void CaptureFileActions::open()
{
    const QString path = m_dialog.openFileName(
            m_window, tr("Open Capture File"),
            tr("Capture files (*.pcapng *.pcap *.cap *.har);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

CaptureFileWindow *CaptureFileActions::openFile(const QString &path)
{
    auto *window = new CaptureFileWindow(QFileInfo(path).absoluteFilePath(), m_window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setFileDialog(m_dialog);
    connect(window, &CaptureFileWindow::openRequested, this, &CaptureFileActions::open);
    // A file dropped on a file's window opens beside it, as one dropped on the live window does.
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    m_fileWindows.removeAll(nullptr);
    m_fileWindows.append(window);
    Q_EMIT fileWindowOpened(window);
    window->show();
    if (QFileInfo(path).isFile())
        remember(window->path());
    return window;
}

void CaptureFileActions::remember(const QString &path)
{
    QStringList recent = m_store->recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > maxRecentFiles)
        recent.removeLast();
    m_store->saveRecentFiles(recent);
    fillRecentMenu();
}

void CaptureFileActions::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_store->recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &path = recent.at(i);
        // "&1 name" for the first nine: a key each, as desktop menus number recent files.
        const QString label = i < 9 ? QStringLiteral("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName())
                                    : QFileInfo(path).fileName();
        QAction *action = m_recentMenu->addAction(label);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void CaptureFileActions::openRecent(const QString &path)
{
    if (QFileInfo(path).isFile()) {
        openFile(path);
        return;
    }
    // Moved or deleted since: it leaves the list, and the user hears why.
    QStringList recent = m_store->recentFiles();
    recent.removeAll(path);
    m_store->saveRecentFiles(recent);
    fillRecentMenu();
    auto *box = new QMessageBox(QMessageBox::Information, tr("File Not Found"),
                                tr("%1 is no longer there; it has been removed from the recent files.")
                                        .arg(QDir::toNativeSeparators(path)),
                                QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("recentFileMissing"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool CaptureFileActions::save()
{
    return m_savedPath.isEmpty() ? saveAs() : saveTo(m_savedPath);
}

bool CaptureFileActions::saveAs()
{
    const QString suggested = m_savedPath.isEmpty() ? QDir::home().filePath(QStringLiteral("websocket-lab.pcapng"))
                                                    : m_savedPath;
    QString path = m_dialog.saveFileName(m_window, tr("Save Capture"), tr("pcapng files (*.pcapng)"), suggested);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pcapng");
    return saveTo(path);
}

bool CaptureFileActions::saveTo(const QString &path)
{
    const QString error = CaptureSaver::savePcapng(*m_live->model(), path, m_originNs);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr("Save Capture"), error);
        return false;
    }
    m_savedPath = path;
    m_unsaved = false;
    remember(QFileInfo(path).absoluteFilePath());
    // Spelled out rather than "%n record(s)": English plurals need no translation file.
    const int rows = m_live->model()->rowCount();
    const QString where = QDir::toNativeSeparators(path);
    m_window->statusBar()->showMessage(rows == 1 ? tr("Saved 1 record to %1").arg(where)
                                                 : tr("Saved %1 records to %2").arg(rows).arg(where),
                                       statusMessageMs);
    return true;
}

void CaptureFileActions::exportHar()
{
    const QString path = m_dialog.saveFileName(m_window, tr("Export HAR"), tr("HAR files (*.har)"),
                                               QDir::home().filePath(QStringLiteral("websocket-lab.har")));
    if (path.isEmpty())
        return;
    const QString error = CaptureSaver::exportHar(*m_live->model(), path, m_originNs);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Export HAR"), error);
    else
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), statusMessageMs);
}

bool CaptureFileActions::hasUnsavedRecords() const
{
    return m_unsaved && m_live->model()->rowCount() > 0;
}

bool CaptureFileActions::confirmClose()
{
    if (!hasUnsavedRecords() || !m_store->askToSaveOnQuit())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Save the Capture?"),
                    m_live->model()->rowCount() == 1
                            ? tr("The live capture has 1 record that was never saved. Save it before quitting?")
                            : tr("The live capture has %1 records that were never saved. Save them before quitting?")
                                      .arg(m_live->model()->rowCount()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("saveOnQuit"));
    box.setDefaultButton(QMessageBox::Save);
    auto *dontAsk = new QCheckBox(tr("Do not ask again"), &box);
    box.setCheckBox(dontAsk);
    const auto answer = QMessageBox::StandardButton(box.exec());
    if (answer == QMessageBox::Cancel || answer == QMessageBox::NoButton)
        return false;
    if (dontAsk->isChecked())
        m_store->setAskToSaveOnQuit(false);
    return answer == QMessageBox::Discard || save();
}

bool CaptureFileActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window || qobject_cast<CaptureFileWindow *>(watched)) {
        switch (event->type()) {
        case QEvent::DragEnter: {
            auto *drag = static_cast<QDragEnterEvent *>(event);
            if (!localFiles(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            const QStringList paths = localFiles(drop->mimeData());
            if (paths.isEmpty())
                break;
            drop->acceptProposedAction();
            for (const QString &path : paths)
                openFile(path);
            return true;
        }
        case QEvent::LanguageChange:
            if (watched == m_window)
                retranslateUi();
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace wslab::app
