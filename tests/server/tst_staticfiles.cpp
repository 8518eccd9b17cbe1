#include "server/staticfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using wslab::server::StaticFiles;

class tst_StaticFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void safeRelativePath_data();
    void safeRelativePath();
    void contentType_data();
    void contentType();
    void lookupInFolder();
    void builtInPageIsServed();
};

void tst_StaticFiles::safeRelativePath_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("expected"); // "!" = refused
    QTest::addRow("root") << QByteArray("/") << "index.html";
    QTest::addRow("file") << QByteArray("/app.js") << "app.js";
    QTest::addRow("nested") << QByteArray("/js/app.js") << "js/app.js";
    QTest::addRow("folder") << QByteArray("/docs/") << "docs/index.html";
    QTest::addRow("percent-encoded space") << QByteArray("/a%20b.txt") << "a b.txt";
    QTest::addRow("utf-8") << QByteArray("/%E4%B8%AD.html") << QStringLiteral("中.html");
    QTest::addRow("dot dot") << QByteArray("/../secret") << "!";
    QTest::addRow("dot dot inside") << QByteArray("/a/../../secret") << "!";
    QTest::addRow("encoded dot dot") << QByteArray("/%2e%2e/secret") << "!";
    QTest::addRow("encoded slash dot dot") << QByteArray("/a%2f..%2f..%2fsecret") << "!";
    QTest::addRow("single dot") << QByteArray("/./index.html") << "!";
    QTest::addRow("backslash") << QByteArray("/..\\secret") << "!";
    QTest::addRow("encoded backslash") << QByteArray("/..%5csecret") << "!";
    QTest::addRow("NUL") << QByteArray("/index.html%00.png") << "!";
    QTest::addRow("empty segment") << QByteArray("//etc/passwd") << "!";
    QTest::addRow("no leading slash") << QByteArray("index.html") << "!";
    QTest::addRow("invalid utf-8") << QByteArray("/%ff.html") << "!";
}

void tst_StaticFiles::safeRelativePath()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, expected);
    QCOMPARE(StaticFiles::safeRelativePath(path).value_or(QStringLiteral("!")), expected);
}

void tst_StaticFiles::contentType_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("type");
    QTest::addRow("html") << "index.html" << QByteArray("text/html; charset=utf-8");
    QTest::addRow("js") << "wire.js" << QByteArray("text/javascript; charset=utf-8");
    QTest::addRow("css upper") << "STYLE.CSS" << QByteArray("text/css; charset=utf-8");
    QTest::addRow("svg") << "icon.svg" << QByteArray("image/svg+xml");
    QTest::addRow("json") << "data.json" << QByteArray("application/json");
    QTest::addRow("unknown") << "blob.bin" << QByteArray("application/octet-stream");
}

void tst_StaticFiles::contentType()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, type);
    QCOMPARE(StaticFiles::contentTypeFor(file), type);
}

void tst_StaticFiles::lookupInFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("root/docs")));
    const auto write = [&](const QString &name) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write("x") == 1;
    };
    QVERIFY(write(QStringLiteral("root/index.html")));
    QVERIFY(write(QStringLiteral("root/docs/index.html")));
    QVERIFY(write(QStringLiteral("secret.txt")));
    const StaticFiles files(dir.filePath(QStringLiteral("root")));
    QCOMPARE(files.lookup("/").status, StaticFiles::Status::Found);
    QCOMPARE(files.lookup("/").contentType, QByteArray("text/html; charset=utf-8"));
    QCOMPARE(files.lookup("/docs").status, StaticFiles::Status::Found); // a folder: its index
    QCOMPARE(files.lookup("/missing.js").status, StaticFiles::Status::NotFound);
    QCOMPARE(files.lookup("/../secret.txt").status, StaticFiles::Status::Forbidden);
}

void tst_StaticFiles::builtInPageIsServed()
{
    // The page compiled into the server library.
    const StaticFiles files;
    const auto index = files.lookup("/");
    if (!QFile::exists(QStringLiteral(":/web/index.html")))
        QSKIP("the web page is not compiled in");
    QCOMPARE(index.status, StaticFiles::Status::Found);
    QCOMPARE(index.filePath, QStringLiteral(":/web/index.html"));
}

QTEST_GUILESS_MAIN(tst_StaticFiles)
#include "tst_staticfiles.moc"
