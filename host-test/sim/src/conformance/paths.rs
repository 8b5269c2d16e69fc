//! Path parameters: integer-typed segments must be digits that fit their format.

use super::formats::{fits_format, is_digits};
use super::table::{type_label, Operation, Seg};
use super::Report;

pub(super) fn check_path_params(op: &Operation, segs: &[&str], report: &mut Report) {
    for (seg, value) in op.segments.iter().zip(segs) {
        let Seg::Param(name) = seg else { continue };
        let Some(param) = op.path_params.iter().find(|p| &p.name == name) else { continue };
        if !is_integer_typed(&param.types) {
            continue;
        }
        if !is_digits(value) {
            report.add(format_args!(
                "path parameter `{name}` is typed {} but the segment {value:?} is not all digits",
                type_label(&param.types, param.format.as_deref())
            ));
        } else if !fits_format(value, param.format.as_deref()) {
            report.add(format_args!(
                "path parameter `{name}` = {value} does not fit {}",
                param.format.as_deref().unwrap_or("integer")
            ));
        }
    }
}

fn is_integer_typed(types: &[String]) -> bool {
    // A type list that also allows a string (e.g. ["integer", "string"]) takes any segment.
    !types.is_empty() && types.iter().all(|t| t == "integer")
}
