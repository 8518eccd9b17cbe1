#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace wslab::bench {

// This process's resident memory now, in KiB (/proc/self/statm), or -1 if it cannot be read.
inline qint64 currentRssKiB()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

} // namespace wslab::bench
