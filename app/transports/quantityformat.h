#pragma once

#include <QCoreApplication>
#include <QString>

namespace wslab::app {

// Numbers as the transport panel and the demo report print them, in the UI's locale: "1.2 KiB",
// "3.4 KiB/s", "12.5 /s", "480 ms", "37 %", "–" for a missing value.
class QuantityFormat
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::QuantityFormat)
public:
    [[nodiscard]] static QString count(quint64 value);
    [[nodiscard]] static QString bytes(quint64 value);
    [[nodiscard]] static QString bytesPerSecond(double value);
    [[nodiscard]] static QString perSecond(double value);
    [[nodiscard]] static QString milliseconds(double value); // negative: missing
    [[nodiscard]] static QString percent(double fraction);   // 0..1; negative: missing
    [[nodiscard]] static QString missing();
};

} // namespace wslab::app
