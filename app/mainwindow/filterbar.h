#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::inspector {
class CaptureFilterProxy;
}

namespace wslab::app {

// The row of filters above the frames table, driving the capture's filter proxy.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(inspector::CaptureFilterProxy *proxy, QWidget *parent = nullptr);

    void focusSearch();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applySearch();
    void applyDirection();
    void applyClasses();

    inspector::CaptureFilterProxy *m_proxy;
    QLineEdit *m_search = nullptr;
    QToolButton *m_regex = nullptr;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_http = nullptr;
    QCheckBox *m_pingPong = nullptr;
    QCheckBox *m_bookkeeping = nullptr;
    QCheckBox *m_errorsOnly = nullptr;
};

} // namespace wslab::app
