# Reference values from R's survey package for tests/test_survey_reference.py.
#
#   python -m coalition.indicators.tests.survey_sample /tmp/sample.csv
#   Rscript survey_reference.R /tmp/sample.csv survey_reference.csv
#
# (`make survey-references` does both.) Needs Debian's r-base-core and r-cran-survey.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
people <- read.csv(args[1], stringsAsFactors = FALSE)
main <- people[people$stratum != "S9", ]
out <- list()

keep <- function(case, code, grouping, result) {
  if (inherits(result, "svyby")) {
    by <- strsplit(grouping, "+", fixed = TRUE)[[1]]
    group <- do.call(paste, c(lapply(by, function(b) as.character(result[[b]])), sep = "|"))
    est <- coef(result)
    se <- SE(result)
    de <- deff(result)
  } else {
    group <- ""
    est <- coef(result)
    se <- SE(result)
    de <- deff(result)
  }
  out[[length(out) + 1]] <<- data.frame(
    case = case, code = code, grouping = grouping, group = group,
    estimate = sprintf("%.17g", as.numeric(est)), se = sprintf("%.17g", as.numeric(se)),
    deff = sprintf("%.17g", as.numeric(de))
  )
}

groupings <- c("sex", "urban", "quintile", "province", "sex+urban")

proportions <- function(case, design) {
  school_age <- subset(design, age >= 6 & age <= 11)
  keep(case, "attending_6_11", "", svymean(~attending, school_age, na.rm = TRUE, deff = TRUE))
  for (g in groupings) {
    keep(case, "attending_6_11", g,
         svyby(~attending, as.formula(paste0("~", g)), school_age, svymean,
               na.rm = TRUE, deff = TRUE))
  }
}

ratios <- function(case, design) {
  keep(case, "num_per_den", "", svyratio(~num, ~den, design, deff = TRUE))
  for (g in groupings) {
    keep(case, "num_per_den", g,
         svyby(~num, as.formula(paste0("~", g)), design, svyratio, denominator = ~den,
               deff = TRUE))
  }
}

options(survey.lonely.psu = "fail")
stratified <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = main, nest = TRUE)
proportions("stratified", stratified)
ratios("stratified", stratified)

with_fpc <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, fpc = ~fpc, data = main,
                      nest = TRUE)
proportions("fpc", with_fpc)
ratios("fpc", with_fpc)

unclustered <- svydesign(ids = ~1, weights = ~w, data = main)
proportions("unclustered", unclustered)
ratios("unclustered", unclustered)

for (option in c("adjust", "average", "remove", "certainty")) {
  options(survey.lonely.psu = option)
  lonely <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = people, nest = TRUE)
  proportions(paste0("lonely_", option), lonely)
  ratios(paste0("lonely_", option), lonely)
}

write.csv(do.call(rbind, out), args[2], row.names = FALSE)
