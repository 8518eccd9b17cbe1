#pragma once

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLineEdit;
class QProgressBar;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::inspector {
class CaptureFilterProxy;
}

namespace wslab::app {

// The row of filters above the frames table, driving the capture's filter proxy.
//
// The search is applied once typing pauses (searchDelayMs), or at once on Enter, as Wireshark
// users expect: a keystroke does not search a million rows. A search over many rows runs in
// slices (CaptureFilterProxy) with its progress beside the field and a Stop button; typing on, or
// Escape, drops it.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int searchDelayMs = 250;

    explicit FilterBar(inspector::CaptureFilterProxy *proxy, QWidget *parent = nullptr);

    void focusSearch();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applySearch();
    void onSearchRunning(bool running);
    void onSearchProgress(int rowsRead, int rows);
    void applyDirection();
    void applyClasses();

    inspector::CaptureFilterProxy *m_proxy;
    QLineEdit *m_search = nullptr;
    QToolButton *m_regex = nullptr;
    QProgressBar *m_searchProgress = nullptr;
    QToolButton *m_stopSearch = nullptr;
    QTimer m_searchDelay;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_http = nullptr;
    QCheckBox *m_pingPong = nullptr;
    QCheckBox *m_bookkeeping = nullptr;
    QCheckBox *m_errorsOnly = nullptr;
};

} // namespace wslab::app
