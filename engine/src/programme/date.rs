//! Calendar arithmetic for visit windows: `YYYY-MM-DD` ↔ day numbers, adding months.
//!
//! The engine has no clock: every "today" is a reference date the caller passes.

use crate::model::parse_date;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A `YYYY-MM-DD` date as a day number (days since 1970-01-01).
pub fn parse_day(s: &str) -> Option<i64> {
    parse_date(s).map(|(y, m, d)| days_from_civil(y, m, d))
}

/// The `YYYY-MM-DD` text of a day number.
pub fn format_day(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

/// The day the child born on day `birth` turns `months` months old (a birthday on the
/// 31st in a shorter month falls on the month's last day).
pub(crate) fn add_months(birth: i64, months: u32) -> i64 {
    let (y, m, d) = civil_from_days(birth);
    let total = i64::from(m) - 1 + i64::from(months);
    let y = y + total.div_euclid(12);
    let m = u32::try_from(total.rem_euclid(12) + 1).unwrap_or(1);
    let d = d.min(days_in_month(y, m));
    let y32 = i32::try_from(y).unwrap_or(i32::MAX);
    days_from_civil(y32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_month_ends() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "2026-03-01"] {
            assert_eq!(parse_day(s).map(format_day).as_deref(), Some(s));
        }
        assert_eq!(parse_day("1970-01-02"), Some(1));
        let jan31 = parse_day("2025-01-31").unwrap_or_default();
        assert_eq!(format_day(add_months(jan31, 1)), "2025-02-28");
        assert_eq!(format_day(add_months(jan31, 13)), "2026-02-28");
        let feb29 = parse_day("2024-02-29").unwrap_or_default();
        assert_eq!(format_day(add_months(feb29, 12)), "2025-02-28");
        assert_eq!(format_day(add_months(feb29, 2)), "2024-04-29");
    }
}
