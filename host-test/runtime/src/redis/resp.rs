//! RESP2, the Redis wire protocol, as far as the replay store needs it: commands out as arrays of
//! bulk strings, replies in. The parser never trusts a length the server sends: lines, bulk strings,
//! arrays and nesting are capped, so a broken or hostile server costs an error, not memory or a panic.

/// The longest status, error or integer line read (Redis's own are far shorter).
const MAX_LINE: usize = 4 << 10;
/// The largest bulk string accepted; the store's values are a few bytes.
pub(crate) const MAX_BULK: usize = 64 << 10;
/// The most elements an array reply may declare, and how deeply arrays may nest.
const MAX_ARRAY: usize = 64;
const MAX_DEPTH: usize = 4;

/// One reply.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    /// `+OK`
    Status(String),
    /// `-ERR ...`: the server refused the command (wrong password, unknown command, ...).
    Error(String),
    /// `:1`
    Integer(i64),
    /// `$n` then n bytes; `$-1` is `None` (a missing key, `SET NX` that did not set).
    Bulk(Option<Vec<u8>>),
    /// `*n` then n replies; `*-1` is `None`.
    Array(Option<Vec<Reply>>),
}

/// Why bytes are not a reply.
#[derive(Debug, PartialEq)]
pub(crate) enum Malformed {
    /// The reply is cut short: read more bytes and parse again.
    Incomplete,
    /// Never a reply, however many bytes follow (the connection is then dropped).
    Invalid(&'static str),
}

/// `args` as a RESP command: `*n` then each argument as a bulk string.
pub(crate) fn encode(args: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + args.iter().map(|a| a.len() + 16).sum::<usize>());
    out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
    for arg in args {
        out.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
        out.extend_from_slice(arg);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The first reply in `buf` and the bytes it took.
pub(crate) fn parse(buf: &[u8]) -> Result<(Reply, usize), Malformed> {
    parse_at(buf, 0)
}

fn parse_at(buf: &[u8], depth: usize) -> Result<(Reply, usize), Malformed> {
    let (kind, line, mut used) = line(buf)?;
    match kind {
        b'+' => Ok((Reply::Status(text(line)?), used)),
        b'-' => Ok((Reply::Error(text(line)?), used)),
        b':' => Ok((Reply::Integer(number(line)?), used)),
        b'$' => {
            let Some(len) = length(line, MAX_BULK)? else { return Ok((Reply::Bulk(None), used)) };
            let rest = &buf[used..];
            if rest.len() < len + 2 {
                return Err(Malformed::Incomplete);
            }
            if &rest[len..len + 2] != b"\r\n" {
                return Err(Malformed::Invalid("a bulk string not ended by CRLF"));
            }
            Ok((Reply::Bulk(Some(rest[..len].to_vec())), used + len + 2))
        }
        b'*' => {
            let Some(len) = length(line, MAX_ARRAY)? else { return Ok((Reply::Array(None), used)) };
            if depth >= MAX_DEPTH {
                return Err(Malformed::Invalid("arrays nested too deeply"));
            }
            let mut items = Vec::with_capacity(len);
            for _ in 0..len {
                let (item, n) = parse_at(&buf[used..], depth + 1)?;
                items.push(item);
                used += n;
            }
            Ok((Reply::Array(Some(items)), used))
        }
        _ => Err(Malformed::Invalid("an unknown reply type")),
    }
}

/// The type byte, the rest of the first line, and the bytes up to and including its CRLF.
fn line(buf: &[u8]) -> Result<(u8, &[u8], usize), Malformed> {
    let window = &buf[..buf.len().min(MAX_LINE + 2)];
    match window.windows(2).position(|w| w == b"\r\n") {
        Some(0) => Err(Malformed::Invalid("an empty line")),
        Some(end) => Ok((buf[0], &buf[1..end], end + 2)),
        None if buf.len() > MAX_LINE => Err(Malformed::Invalid("a line longer than the cap")),
        None => Err(Malformed::Incomplete),
    }
}

fn text(line: &[u8]) -> Result<String, Malformed> {
    String::from_utf8(line.to_vec()).map_err(|_| Malformed::Invalid("a status line that is not UTF-8"))
}

fn number(line: &[u8]) -> Result<i64, Malformed> {
    std::str::from_utf8(line)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(Malformed::Invalid("a length or integer that is not a number"))
}

/// A declared length: `None` for -1 (null), refused past `cap` or below -1.
fn length(line: &[u8], cap: usize) -> Result<Option<usize>, Malformed> {
    match number(line)? {
        -1 => Ok(None),
        n if n < 0 => Err(Malformed::Invalid("a negative length")),
        n if n as u64 > cap as u64 => Err(Malformed::Invalid("a length past the cap")),
        n => Ok(Some(n as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_arrays_of_bulk_strings() {
        let bytes = encode(&[b"SET", b"k", b"", b"NX"]);
        assert_eq!(bytes, b"*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n$2\r\nNX\r\n");
        // What is encoded parses back as the same array.
        let (reply, used) = parse(&bytes).unwrap();
        assert_eq!(used, bytes.len());
        let expected: Vec<Reply> =
            ["SET", "k", "", "NX"].iter().map(|s| Reply::Bulk(Some(s.as_bytes().to_vec()))).collect();
        assert_eq!(reply, Reply::Array(Some(expected)));
    }

    #[test]
    fn every_reply_type_parses_and_says_how_much_it_took() {
        let cases: Vec<(&[u8], Reply)> = vec![
            (b"+OK\r\n", Reply::Status("OK".into())),
            (b"-NOAUTH Authentication required.\r\n", Reply::Error("NOAUTH Authentication required.".into())),
            (b":-7\r\n", Reply::Integer(-7)),
            (b"$-1\r\n", Reply::Bulk(None)),
            (b"$5\r\nin\r\nx\r\n", Reply::Bulk(Some(b"in\r\nx".to_vec()))),
            (b"*-1\r\n", Reply::Array(None)),
            (
                b"*2\r\n:1\r\n*1\r\n+a\r\n",
                Reply::Array(Some(vec![Reply::Integer(1), Reply::Array(Some(vec![Reply::Status("a".into())]))])),
            ),
        ];
        for (bytes, expected) in cases {
            let mut with_more = bytes.to_vec();
            with_more.extend_from_slice(b"+NEXT\r\n");
            assert_eq!(parse(&with_more), Ok((expected, bytes.len())), "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn a_reply_cut_anywhere_is_incomplete() {
        let whole: &[u8] = b"*3\r\n$3\r\nabc\r\n:12\r\n+OK\r\n";
        for cut in 0..whole.len() {
            assert_eq!(parse(&whole[..cut]), Err(Malformed::Incomplete), "cut at {cut}");
        }
        assert!(parse(whole).is_ok());
    }

    #[test]
    fn malformed_replies_are_invalid_not_a_panic() {
        let cases: Vec<&[u8]> = vec![
            b"\r\n",
            b"?what\r\n",
            b":twelve\r\n",
            b"$abc\r\n",
            b"$-2\r\n",
            b"$3\r\nabcXY",
            b"*-5\r\n",
            b"+\xff\xfe\r\n",
            b"$99999999999999999999999\r\n",
            b":9223372036854775808\r\n",
        ];
        for bytes in cases {
            assert!(matches!(parse(bytes), Err(Malformed::Invalid(_))), "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn declared_sizes_are_capped_before_anything_is_allocated() {
        // A server announcing a huge bulk string or array is refused at once, not waited for.
        let huge_bulk = format!("${}\r\n", MAX_BULK + 1);
        assert!(matches!(parse(huge_bulk.as_bytes()), Err(Malformed::Invalid(_))));
        let at_cap = format!("${MAX_BULK}\r\n");
        assert_eq!(parse(at_cap.as_bytes()), Err(Malformed::Incomplete));
        let huge_array = format!("*{}\r\n", MAX_ARRAY + 1);
        assert!(matches!(parse(huge_array.as_bytes()), Err(Malformed::Invalid(_))));
        let deep = "*1\r\n".repeat(MAX_DEPTH + 1) + ":1\r\n";
        assert!(matches!(parse(deep.as_bytes()), Err(Malformed::Invalid(_))));
        let nested_to_the_cap = "*1\r\n".repeat(MAX_DEPTH) + ":1\r\n";
        assert!(parse(nested_to_the_cap.as_bytes()).is_ok());
        // A line that never ends is refused once it passes the cap.
        let endless = vec![b'+'; MAX_LINE + 3];
        assert!(matches!(parse(&endless), Err(Malformed::Invalid(_))));
        assert_eq!(parse(&endless[..MAX_LINE]), Err(Malformed::Incomplete));
    }
}
