//! WebVTT as Zoom writes transcripts: blocks of an optional cue number, a `start --> end` line
//! and the words, prefixed with `Speaker Name: ` when Zoom knows who spoke. Pure text in, cues
//! out; anything that is not a cue is counted and skipped, never guessed at.

use std::borrow::Cow;

use crate::error::Error;

/// One cue of a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub(crate) speaker: Option<String>,
    pub(crate) start_ms: u64,
    pub(crate) end_ms: u64,
    pub(crate) words: String,
}

/// The cues of a file and how many blocks were not cues.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) cues: Vec<Cue>,
    pub(crate) skipped: u32,
}

/// A speaker prefix longer than this is taken for words that happen to hold a colon.
const MAX_SPEAKER: usize = 100;

/// Parses a WebVTT file; one that does not start with `WEBVTT` (after an optional BOM) is
/// unreadable.
pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, Error> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // Copied only when there are carriage returns: the file may be megabytes.
    let text: Cow<str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
    let header = blocks.next().unwrap_or_default();
    let signature = header.lines().next().unwrap_or_default();
    if !(signature == "WEBVTT" || signature.starts_with("WEBVTT ") || signature.starts_with("WEBVTT\t")) {
        return Err(Error::Unreadable("the transcript file is not WebVTT".to_owned()));
    }
    let mut parsed = Parsed { cues: Vec::new(), skipped: 0 };
    for block in blocks {
        if ["NOTE", "STYLE", "REGION"].iter().any(|k| block.starts_with(k)) {
            continue;
        }
        match cue(block) {
            Some(c) => parsed.cues.push(c),
            None => parsed.skipped += 1,
        }
    }
    Ok(parsed)
}

fn cue(block: &str) -> Option<Cue> {
    let mut lines = block.lines();
    // The timing line is the first or, after a cue identifier, the second.
    let first = lines.next()?;
    let timing = if first.contains("-->") { first } else { lines.next().filter(|l| l.contains("-->"))? };
    let (start, rest) = timing.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let (start_ms, end_ms) = (timestamp(start.trim())?, timestamp(end)?);
    let words: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
    let (speaker, words) = speaker_and_words(&words.join(" "));
    Some(Cue { speaker, start_ms, end_ms, words })
}

/// `Name: words` (Zoom) or `<v Name>words</v>` (WebVTT voice spans).
fn speaker_and_words(text: &str) -> (Option<String>, String) {
    if let Some(rest) = text.strip_prefix("<v ").or_else(|| text.strip_prefix("<v\t")) {
        if let Some((name, words)) = rest.split_once('>') {
            let words = words.replace("</v>", "");
            return (Some(name.trim().to_owned()).filter(|n| !n.is_empty()), words.trim().to_owned());
        }
    }
    match text.split_once(": ") {
        Some((name, words)) if !name.trim().is_empty() && name.chars().count() <= MAX_SPEAKER => {
            (Some(name.trim().to_owned()), words.trim().to_owned())
        }
        _ => (None, text.trim().to_owned()),
    }
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt` in milliseconds.
fn timestamp(s: &str) -> Option<u64> {
    let (clock, millis) = s.split_once('.')?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |p: &str| (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u64>().ok())?;
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        [m, s] => (0, number(m)?, number(s)?),
        _ => return None,
    };
    if m > 59 || sec > 59 {
        return None;
    }
    let ms = millis.parse::<u64>().ok()?;
    h.checked_mul(3_600_000)?.checked_add(m * 60_000 + sec * 1_000 + ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(speaker: Option<&str>, start_ms: u64, end_ms: u64, words: &str) -> Cue {
        Cue { speaker: speaker.map(str::to_owned), start_ms, end_ms, words: words.to_owned() }
    }

    #[test]
    fn reads_zooms_shape() {
        let file = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAnn Lee: Good morning, everyone.\n\n\
                    2\n00:00:04.500 --> 00:01:02.250\nBob Stone: Morning! Let's start.\n";
        let p = parse(file.as_bytes()).unwrap();
        assert_eq!(
            p.cues,
            vec![
                cue(Some("Ann Lee"), 1_000, 4_000, "Good morning, everyone."),
                cue(Some("Bob Stone"), 4_500, 62_250, "Morning! Let's start.")
            ]
        );
        assert_eq!(p.skipped, 0);
    }

    #[test]
    fn cues_without_a_speaker_multi_line_cues_crlf_and_bom() {
        let file = "\u{feff}WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000 align:start\r\nno speaker here\r\n\r\n\
                    7\r\n01:00:00.000 --> 01:00:03.100\r\nCarol: first line\r\nsecond line\r\n";
        let p = parse(file.as_bytes()).unwrap();
        assert_eq!(
            p.cues,
            vec![
                cue(None, 1_000, 2_000, "no speaker here"),
                cue(Some("Carol"), 3_600_000, 3_603_100, "first line second line")
            ]
        );
        let voice = parse(b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Dan>Hi there</v>\n").unwrap();
        assert_eq!(voice.cues, vec![cue(Some("Dan"), 1_000, 2_000, "Hi there")]);
    }

    #[test]
    fn garbage_is_skipped_or_refused_never_a_panic() {
        assert!(matches!(parse(b"<html>not a transcript</html>"), Err(Error::Unreadable(_))));
        assert!(matches!(parse(b""), Err(Error::Unreadable(_))));
        assert!(parse(&[0xff, 0xfe, 0x00]).is_err());
        let file = "WEBVTT\n\nNOTE made by hand\n\n1\nno timing\n\n2\n00:00:aa.000 --> 00:00:01.000\nx\n\n\
                    3\n00:00:01.000 --> \n\n4\n99999999999999999999:00:00.000 --> 00:00:01.000\ny\n\n\
                    00:00:05.000 --> 00:00:06.000\nEve: ok";
        let p = parse(file.as_bytes()).unwrap();
        assert_eq!((p.cues, p.skipped), (vec![cue(Some("Eve"), 5_000, 6_000, "ok")], 4));
    }

    #[test]
    fn a_long_prefix_is_words_not_a_speaker() {
        let long = format!("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{}: words", "x".repeat(101));
        assert_eq!(parse(long.as_bytes()).unwrap().cues[0].speaker, None);
    }
}
