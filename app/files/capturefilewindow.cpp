#include "app/files/capturefilewindow.h"

#include "app/files/capturefileloader.h"
#include "app/files/capturesaver.h"
#include "app/files/selectionexport.h"
#include "app/mainwindow/captureview.h"
#include "app/mainwindow/filterbar.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/handshakeview.h"
#include "inspector/timelineview.h"

#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <limits>

namespace wslab::app {

namespace {

QWidget *scrolled(QWidget *widget, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setWidget(widget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    widget->show();
    return scroll;
}

} // namespace

CaptureFileWindow::CaptureFileWindow(const QString &path, QWidget *parent)
    : QMainWindow(parent)
    , m_path(path)
{
    setWindowFlag(Qt::Window);
    setObjectName(QStringLiteral("captureFileWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wslab.svg")));

    m_view = new CaptureView(this);
    // A file is kept whole: no row cap, no byte budget (DESIGN: all rows of a file are kept).
    m_view->model()->keepEveryRecord(); // every row, read back from disk on demand

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("fileNotice"));
    m_notice->setWordWrap(true);
    m_notice->setAutoFillBackground(true);
    m_notice->setMargin(8);
    QPalette noticePalette = m_notice->palette();
    noticePalette.setColor(QPalette::Window, QColor(0xfc, 0xe8, 0xb2));
    noticePalette.setColor(QPalette::WindowText, QColor(0x3c, 0x2a, 0x00));
    m_notice->setPalette(noticePalette);
    m_notice->hide();

    // The table above, the views of the selected row below, as tabs.
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(scrolled(m_view->detailPane(), m_tabs), QString());
    m_tabs->addTab(scrolled(m_view->handshakeView(), m_tabs), QString());
    m_tabs->addTab(scrolled(m_view->timelineView(), m_tabs), QString());
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_notice);
    topLayout->addWidget(m_view, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    // The same shares from the start: left to the size hints, the views' tall hint took all but a
    // handful of the table's rows on a 768-pixel screen.
    splitter->setSizes({2, 3});
    setCentralWidget(splitter);

    m_statusText = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setMaximumWidth(240);
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoading"));
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    connect(m_cancelButton, &QPushButton::clicked, this, &CaptureFileWindow::cancelLoading);

    m_loader = new CaptureFileLoader(this);
    // The reading thread writes the records to disk itself; the table takes them where they are.
    m_loader->setSpilling(true);
    connect(m_loader, &CaptureFileLoader::recordsSpilled, this, [this](const capture::SpilledBatch &spilled) {
        m_view->model()->setNextBatchSpilled(spilled);
    });
    connect(m_loader, &CaptureFileLoader::recordsRead, m_view, &CaptureView::appendBatch);
    connect(m_loader, &CaptureFileLoader::recordsRead, this, &CaptureFileWindow::updateStatus);
    connect(m_loader, &CaptureFileLoader::progressed, this, &CaptureFileWindow::onProgress);
    connect(m_loader, &CaptureFileLoader::finished, this, &CaptureFileWindow::onFinished);

    m_selection = new SelectionExport(m_view, this);
    createActions();
    createMenus();
    retranslateUi();
    // Most of the screen, as the live window takes it, but not all: the live window stays in view.
    const QSize available = screen()->availableGeometry().size();
    resize(std::min(1400, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
    reload();
}

CaptureFileWindow::~CaptureFileWindow() = default;

void CaptureFileWindow::createActions()
{
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &CaptureFileWindow::openRequested);
    m_reloadAction = new QAction(this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    connect(m_reloadAction, &QAction::triggered, this, &CaptureFileWindow::reload);
    m_decodeAsAction = new QAction(this);
    m_decodeAsAction->setObjectName(QStringLiteral("decodeAs"));
    connect(m_decodeAsAction, &QAction::triggered, this, &CaptureFileWindow::askDecodeAsPorts);
    m_exportHarAction = new QAction(this);
    m_exportHarAction->setObjectName(QStringLiteral("exportHar"));
    connect(m_exportHarAction, &QAction::triggered, this, &CaptureFileWindow::exportHar);
    m_closeAction = new QAction(this);
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &QWidget::close);
    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { m_view->filterBar()->focusSearch(); });
}

void CaptureFileWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_reloadAction);
    m_fileMenu->addSeparator();
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportHarAction);
    m_exportMenu->addMenu(m_selection->exportMenu());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeAction);
    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addMenu(m_selection->copyMenu());
    m_captureMenu = menuBar()->addMenu(QString());
    m_captureMenu->addAction(m_findAction);
    m_captureMenu->addAction(m_decodeAsAction);
}

void CaptureFileWindow::retranslateUi()
{
    //: the title of a capture file's window: the file's name, then the application's
    setWindowTitle(tr("%1 — WebSocket Lab").arg(QFileInfo(m_path).fileName()));
    m_tabs->setTabText(0, tr("Frame"));
    m_tabs->setTabText(1, tr("Handshake"));
    m_tabs->setTabText(2, tr("Timeline"));
    m_cancelButton->setText(tr("Cancel"));
    m_openAction->setText(tr("&Open…"));
    m_reloadAction->setText(tr("&Reload"));
    m_decodeAsAction->setText(tr("&Decode as WebSocket on Port…"));
    m_decodeAsAction->setToolTip(tr("Read connections to a server port as WebSocket from their first byte, for a "
                                    "capture that started after the upgrade"));
    m_exportHarAction->setText(tr("&HAR (Chrome DevTools)…"));
    m_closeAction->setText(tr("&Close"));
    m_findAction->setText(tr("&Find in Capture"));
    m_fileMenu->setTitle(tr("&File"));
    m_exportMenu->setTitle(tr("&Export"));
    m_editMenu->setTitle(tr("&Edit"));
    m_captureMenu->setTitle(tr("&Capture"));
    updateStatus();
    if (m_result && m_result->failure)
        m_notice->setText(CaptureFileLoader::failureText(*m_result->failure));
}

void CaptureFileWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void CaptureFileWindow::setFileDialog(const FileDialog &dialog)
{
    m_dialog = dialog;
    m_selection->setFileDialog(dialog);
}

bool CaptureFileWindow::isLoading() const
{
    return m_loader->isRunning();
}

QString CaptureFileWindow::errorText() const
{
    return m_notice->isVisibleTo(this) ? m_notice->text() : QString();
}

void CaptureFileWindow::reload()
{
    m_result.reset();
    m_cancelled = false;
    m_notice->hide();
    m_view->clear();
    m_progress->setRange(0, 0); // busy until the first progress report gives the size
    m_progress->show();
    m_cancelButton->show();
    m_loader->start(m_path, m_decodeAsPorts);
    updateStatus();
}

void CaptureFileWindow::cancelLoading()
{
    if (!m_loader->isRunning())
        return;
    m_cancelled = true;
    m_loader->cancel();
}

void CaptureFileWindow::setDecodeAsPorts(const QSet<quint16> &ports)
{
    m_decodeAsPorts = ports;
    reload();
}

void CaptureFileWindow::askDecodeAsPorts()
{
    QStringList current;
    for (const quint16 port : std::as_const(m_decodeAsPorts))
        current.append(QString::number(port));
    current.sort();
    bool ok = false;
    const QString text = QInputDialog::getText(
            this, tr("Decode as WebSocket"),
            tr("Server ports whose connections are WebSocket from their first byte (the capture began after "
               "the upgrade), separated by commas:"),
            QLineEdit::Normal, current.join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    QSet<quint16> ports;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool valid = false;
        const uint port = part.toUInt(&valid);
        if (!valid || port == 0 || port > 65535) {
            QMessageBox::warning(this, tr("Decode as WebSocket"), tr("\"%1\" is not a port number (1–65535).").arg(part));
            return;
        }
        ports.insert(quint16(port));
    }
    setDecodeAsPorts(ports);
}

void CaptureFileWindow::exportHar()
{
    const QString suggested = QFileInfo(m_path).completeBaseName() + QStringLiteral(".har");
    const QString target = m_dialog.saveFileName(this, tr("Export HAR"), tr("HAR files (*.har)"), suggested);
    if (target.isEmpty())
        return;
    const QString error = CaptureSaver::exportHar(*m_view->model(), target, 0);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export HAR"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(target), 5000);
}

void CaptureFileWindow::onProgress(qint64 bytesRead, qint64 fileSize)
{
    // Per mille, so that files beyond 2 GiB fit the bar's int range.
    m_progress->setRange(0, 1000);
    m_progress->setValue(fileSize > 0 ? int(std::min<qint64>(1000, bytesRead * 1000 / fileSize)) : 0);
}

void CaptureFileWindow::onFinished(const capture::CaptureFileReader::Result &result)
{
    m_result = result;
    m_progress->hide();
    m_cancelButton->hide();
    if (result.failure) {
        m_notice->setText(CaptureFileLoader::failureText(*result.failure));
        m_notice->show();
    }
    updateStatus();
    if (m_view->proxy()->rowCount() > 0 && !m_view->currentRecord())
        m_view->selectFirst();
    Q_EMIT loaded(result);
}

void CaptureFileWindow::updateStatus()
{
    // Spelled out rather than "%n record(s)": English plurals need no translation file.
    const int rows = m_view->model()->rowCount();
    const QString records = rows == 1 ? tr("1 record") : tr("%1 records").arg(rows);
    if (m_loader->isRunning())
        m_statusText->setText(tr("Reading %1: %2 so far…").arg(QFileInfo(m_path).fileName(), records));
    else if (m_cancelled)
        m_statusText->setText(tr("Reading cancelled: %1 read.").arg(records));
    else
        m_statusText->setText(records);
}

} // namespace wslab::app
