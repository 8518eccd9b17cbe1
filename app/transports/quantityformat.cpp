#include "app/transports/quantityformat.h"

#include <QLocale>

#include <cmath>

namespace wslab::app {

QString QuantityFormat::missing()
{
    return QStringLiteral("–");
}

QString QuantityFormat::count(quint64 value)
{
    return QLocale().toString(value);
}

QString QuantityFormat::bytes(quint64 value)
{
    // Below 1 KiB exact bytes read better than "0.98 KiB".
    if (value < 1024)
        return tr("%1 B").arg(QLocale().toString(value));
    return QLocale().formattedDataSize(qint64(value), 1);
}

QString QuantityFormat::bytesPerSecond(double value)
{
    if (!std::isfinite(value) || value < 0)
        return missing();
    return tr("%1/s").arg(bytes(quint64(std::llround(value))));
}

QString QuantityFormat::perSecond(double value)
{
    if (!std::isfinite(value) || value < 0)
        return missing();
    return tr("%1 /s").arg(QLocale().toString(value, 'f', value < 10 ? 1 : 0));
}

QString QuantityFormat::milliseconds(double value)
{
    if (!std::isfinite(value) || value < 0)
        return missing();
    return tr("%1 ms").arg(QLocale().toString(value, 'f', 0));
}

QString QuantityFormat::percent(double fraction)
{
    if (!std::isfinite(fraction) || fraction < 0)
        return missing();
    const double percent = fraction * 100;
    return tr("%1 %").arg(QLocale().toString(percent, 'f', percent > 0 && percent < 10 ? 1 : 0));
}

} // namespace wslab::app
