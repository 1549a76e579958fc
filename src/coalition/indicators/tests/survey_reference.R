# Reference values from R's survey package for tests/test_survey_reference.py.
#
#   python -m coalition.indicators.tests.survey_sample /tmp/sample.csv /tmp/other.csv
#   Rscript survey_reference.R /tmp/sample.csv survey_reference.csv \
#       /tmp/other.csv survey_reference_other.csv
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

# The other sample: numbered strata with PSUs numbered again in each, gaps in a grouping
# column (svyby leaves them out), a mean of a continuous value, and designs with clusters
# only, strata only, and neither.
other <- read.csv(args[3], stringsAsFactors = FALSE)
out <- list()
other_estimates <- function(case, design) {
  young <- subset(design, age >= 6 & age <= 15)
  keep(case, "y", "", svymean(~y, young, na.rm = TRUE, deff = TRUE))
  keep(case, "z", "", svymean(~z, design, na.rm = TRUE, deff = TRUE))
  keep(case, "z_per_d", "", svyratio(~z, ~d, design, deff = TRUE))
  for (g in c("sex", "region", "grp")) {
    by <- as.formula(paste0("~", g))
    keep(case, "y", g, svyby(~y, by, young, svymean, na.rm = TRUE, deff = TRUE))
    keep(case, "z", g, svyby(~z, by, design, svymean, na.rm = TRUE, deff = TRUE))
    keep(case, "z_per_d", g,
         svyby(~z, by, design, svyratio, denominator = ~d, deff = TRUE))
  }
}
for (option in c("adjust", "average", "remove", "certainty")) {
  options(survey.lonely.psu = option)
  other_estimates(paste0("nested_", option),
                  svydesign(ids = ~p, strata = ~h, weights = ~w, data = other, nest = TRUE))
  other_estimates(paste0("nested_fpc_", option),
                  svydesign(ids = ~p, strata = ~h, weights = ~w, fpc = ~N, data = other,
                            nest = TRUE))
  other_estimates(paste0("strata_only_", option),
                  svydesign(ids = ~1, strata = ~h, weights = ~w, data = other))
}
other_estimates("clusters_only", svydesign(ids = ~hp, weights = ~w, data = other))
other_estimates("neither", svydesign(ids = ~1, weights = ~w, data = other))
write.csv(do.call(rbind, out), args[4], row.names = FALSE)
