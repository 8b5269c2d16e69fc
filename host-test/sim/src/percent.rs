//! Percent-encoding as Zoom's URLs use it: everything but RFC 3986's unreserved characters is
//! escaped, so ids, emails and `state` values travel byte for byte.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but `A-Z a-z 0-9 - . _ ~`.
const UNRESERVED_KEPT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One path segment or query component, escaped.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED_KEPT).to_string()
}

/// A path segment (`plus_is_space` false) or a query/form component (true). A `%` not followed by
/// two hex digits stays as it is, as lenient servers treat it.
pub(crate) fn decode(s: &str, plus_is_space: bool) -> String {
    let text = if plus_is_space { s.replace('+', " ") } else { s.to_owned() };
    percent_decode_str(&text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(encode("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode("a b/c@d+é"), "a%20b%2Fc%40d%2B%C3%A9");
    }

    #[test]
    fn decoding_keeps_malformed_escapes() {
        assert_eq!(decode("a%40b.com", false), "a@b.com");
        assert_eq!(decode("a+b", false), "a+b");
        assert_eq!(decode("a+b%2B", true), "a b+");
        assert_eq!(decode("100%", true), "100%");
        assert_eq!(decode("%zz", true), "%zz");
        assert_eq!(decode(&encode("/ab//c=="), false), "/ab//c==");
    }
}
