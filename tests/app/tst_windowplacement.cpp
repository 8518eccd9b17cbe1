#include "app/mainwindow/windowplacement.h"

#include <QTest>

using namespace wslab::app;

// Regression: a window saved on a bigger screen came back with its status bar below the edge.
class tst_WindowPlacement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheFrameOnTheScreen_data();
    void keepsTheFrameOnTheScreen();
};

void tst_WindowPlacement::keepsTheFrameOnTheScreen_data()
{
    QTest::addColumn<QRect>("geometry");  // the window without its frame
    QTest::addColumn<QMargins>("frame");  // title bar and borders around it
    QTest::addColumn<QRect>("available"); // the screen less its panels
    QTest::addColumn<QRect>("expected");

    const QRect laptop(0, 0, 1366, 740); // 1366x768 with a 28 px panel
    const QMargins decorated(4, 24, 4, 4);
    QTest::addRow("fits: unchanged") << QRect(100, 100, 800, 500) << decorated << laptop << QRect(100, 100, 800, 500);
    QTest::addRow("saved on 1920x1080: shrunk to the screen")
            << QRect(4, 24, 1600, 1000) << decorated << laptop << QRect(4, 24, 1358, 712);
    QTest::addRow("hangs below the edge: moved up")
            << QRect(200, 400, 800, 500) << decorated << laptop << QRect(200, 236, 800, 500);
    QTest::addRow("hangs off the right: moved left")
            << QRect(1000, 50, 800, 500) << decorated << laptop << QRect(562, 50, 800, 500);
    QTest::addRow("above and left of the screen: moved in")
            << QRect(-300, -50, 800, 500) << decorated << laptop << QRect(4, 24, 800, 500);
    QTest::addRow("no frame yet, panel at the top")
            << QRect(0, 0, 1366, 768) << QMargins() << QRect(0, 28, 1366, 740) << QRect(0, 28, 1366, 740);
    QTest::addRow("second screen to the right")
            << QRect(1500, 100, 800, 600) << decorated << QRect(1366, 0, 1024, 768) << QRect(1500, 100, 800, 600);
}

void tst_WindowPlacement::keepsTheFrameOnTheScreen()
{
    QFETCH(QRect, geometry);
    QFETCH(QMargins, frame);
    QFETCH(QRect, available);
    QFETCH(QRect, expected);
    const QRect fitted = WindowPlacement::fitted(geometry.marginsAdded(frame), geometry, available);
    QCOMPARE(fitted, expected);
    QVERIFY(available.contains(fitted.marginsAdded(frame)));
}

QTEST_GUILESS_MAIN(tst_WindowPlacement)
#include "tst_windowplacement.moc"
